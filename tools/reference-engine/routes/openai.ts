/**
 * POST /v1/chat/completions and /v1/completions, as vLLM and SGLang serve them: constraint fields
 * from `structured_outputs`, `response_format`, and the SGLang / llama.cpp extras.
 */
import { isObject, openAIConstraint } from '../constraints.js';
import { badRequest } from '../errors.js';
import { openGeneration, type Exchange } from '../exchange.js';
import { collectText, type GenerationResult, type GenerationSettings } from '../generate.js';
import { optionalBoolean, optionalInteger, optionalNumber, stopStrings, temperatureOf, tokenBudget } from '../params.js';
import type { EventWriter } from '../reply.js';

export const MODEL_ID = 'reference-engine';
const DEFAULT_MAX_TOKENS = 256;

type Flavour = 'chat' | 'text';

export function chatCompletions(exchange: Exchange): Promise<void> {
  return complete(exchange, chatPrompt(exchange.body.messages), 'chat');
}

export function completions(exchange: Exchange): Promise<void> {
  return complete(exchange, textPrompt(exchange.body.prompt), 'text');
}

async function complete(exchange: Exchange, prompt: string, flavour: Flavour): Promise<void> {
  const { body } = exchange;
  const n = optionalInteger(body, 'n');
  if (n !== undefined && n !== 1) throw badRequest('the reference engine generates one choice per request: n must be 1', 'n');
  const maxTokens = optionalInteger(body, 'max_completion_tokens') ?? optionalInteger(body, 'max_tokens');
  const settings: GenerationSettings = {
    prompt,
    maxTokens: tokenBudget(maxTokens, DEFAULT_MAX_TOKENS, 'max_tokens'),
    temperature: temperatureOf(optionalNumber(body, 'temperature'), 1, 'temperature'),
    seed: optionalInteger(body, 'seed') ?? exchange.engine.defaultSeed,
    stop: stopStrings(body.stop, 'stop'),
  };
  const stream = optionalBoolean(body, 'stream');
  const generation = await openGeneration(exchange, settings, openAIConstraint(body));
  const envelope = {
    id: exchange.engine.nextId(flavour === 'chat' ? 'chatcmpl' : 'cmpl'),
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : MODEL_ID,
  };
  if (!stream) {
    const result = await collectText(generation);
    const object = flavour === 'chat' ? 'chat.completion' : 'text_completion';
    exchange.reply.json(200, { ...envelope, object, choices: [finalChoice(flavour, result)], usage: usage(exchange.engine.vocabulary.promptTokenCount(prompt), result) });
    return;
  }
  const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  const chunkEnvelope = { ...envelope, object: flavour === 'chat' ? 'chat.completion.chunk' : 'text_completion' };
  await streamChunks(exchange.reply.events(), generation, chunkEnvelope, flavour, includeUsage ? exchange.engine.vocabulary.promptTokenCount(prompt) : undefined);
}

/** A send on a closed connection does nothing; the generation then stops by itself. */

async function streamChunks(
  events: EventWriter,
  generation: AsyncGenerator<string, GenerationResult>,
  envelope: Record<string, unknown>,
  flavour: Flavour,
  promptTokensForUsage: number | undefined,
): Promise<void> {
  const chunk = (piece: Record<string, unknown>) => ({ ...envelope, choices: [{ index: 0, logprobs: null, finish_reason: null, ...piece }] });
  if (flavour === 'chat') events.send(chunk({ delta: { role: 'assistant', content: '' } }));
  let step = await generation.next();
  while (!step.done) {
    const piece = flavour === 'chat' ? { delta: { content: step.value } } : { text: step.value };
    events.send(chunk(piece));
    step = await generation.next();
  }
  const result = step.value;
  const ending = { finish_reason: result.finishReason, stop_reason: result.matchedStop ?? null };
  const last = flavour === 'chat' ? { delta: {}, ...ending } : { text: '', ...ending };
  if (!events.send(chunk(last))) return;
  if (promptTokensForUsage !== undefined && !events.send({ ...envelope, choices: [], usage: usage(promptTokensForUsage, result) })) return;
  events.done();
}

function finalChoice(flavour: Flavour, result: GenerationResult): Record<string, unknown> {
  const ending = { finish_reason: result.finishReason, stop_reason: result.matchedStop ?? null, logprobs: null };
  if (flavour === 'chat') return { index: 0, message: { role: 'assistant', content: result.text }, ...ending };
  return { index: 0, text: result.text, ...ending };
}

/** Token counts in this engine's vocabulary (bytes: one token per UTF-8 byte of the rendered prompt). */
export function usage(promptTokens: number, result: GenerationResult) {
  return { prompt_tokens: promptTokens, completion_tokens: result.completionTokens, total_tokens: promptTokens + result.completionTokens };
}

/** Messages rendered as `role: content` lines, ending with `assistant: `. */
export function chatPrompt(messages: unknown): string {
  if (!Array.isArray(messages) || messages.length === 0) throw badRequest('messages must be a non-empty list', 'messages');
  const lines = messages.map((message, index) => {
    if (!isObject(message) || typeof message.role !== 'string') throw badRequest(`messages[${index}] needs a string role`, `messages[${index}].role`);
    return `${message.role}: ${messageText(message.content, index)}`;
  });
  return `${lines.join('\n')}\nassistant: `;
}

function messageText(content: unknown, index: number): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (isObject(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
  }
  throw badRequest(`messages[${index}].content must be a string or a list of parts`, `messages[${index}].content`);
}

function textPrompt(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt) && prompt.length === 1 && typeof prompt[0] === 'string') return prompt[0];
  throw badRequest('prompt must be a string (or a list of exactly one string)', 'prompt');
}
