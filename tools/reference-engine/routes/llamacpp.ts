/**
 * POST /completion, llama.cpp's native route: `{prompt, n_predict, grammar | json_schema, seed,
 * temperature, stop, stream}` -> `{content, stop, stop_type, tokens_predicted, ...}`. A stream sends
 * `{content, stop: false}` events and a last `{content: "", stop: true, ...}` event, with no
 * `[DONE]`, as llama.cpp does.
 */
import { llamaCppConstraint } from '../constraints.js';
import { badRequest } from '../errors.js';
import { openGeneration, type Exchange } from '../exchange.js';
import { collectText, type GenerationResult, type GenerationSettings } from '../generate.js';
import { optionalBoolean, optionalInteger, optionalNumber, stopStrings, temperatureOf, tokenBudget } from '../params.js';
import { MODEL_ID } from './openai.js';

/** llama.cpp's n_predict -1 means "until the context is full"; here it means this many. */
const UNLIMITED_N_PREDICT = 256;

export async function llamaCppCompletion(exchange: Exchange): Promise<void> {
  const { body } = exchange;
  if (typeof body.prompt !== 'string') throw badRequest('prompt must be a string', 'prompt');
  const nPredict = optionalInteger(body, 'n_predict');
  const seed = optionalInteger(body, 'seed');
  const settings: GenerationSettings = {
    prompt: body.prompt,
    maxTokens: tokenBudget(nPredict === undefined || nPredict < 0 ? UNLIMITED_N_PREDICT : nPredict, UNLIMITED_N_PREDICT, 'n_predict'),
    temperature: temperatureOf(optionalNumber(body, 'temperature'), 0.8, 'temperature'),
    seed: seed === undefined || seed < 0 ? exchange.engine.defaultSeed : seed,
    stop: stopStrings(body.stop, 'stop'),
  };
  const generation = await openGeneration(exchange, settings, llamaCppConstraint(body));
  if (!optionalBoolean(body, 'stream')) {
    const result = await collectText(generation);
    exchange.reply.json(200, finalBody(result.text, settings, result, exchange.engine.vocabulary.promptTokenCount(settings.prompt), body.grammar));
    return;
  }
  const events = exchange.reply.events();
  let step = await generation.next();
  while (!step.done) {
    events.send({ index: 0, content: step.value, stop: false, id_slot: 0 });
    step = await generation.next();
  }
  if (events.send(finalBody('', settings, step.value, exchange.engine.vocabulary.promptTokenCount(settings.prompt), body.grammar))) events.end();
}

/** As llama-server, the final answer's generation_settings repeats the request's grammar in full ("" without one). */
function finalBody(content: string, settings: GenerationSettings, result: GenerationResult, promptTokens: number, grammar: unknown) {
  return {
    index: 0,
    content,
    id_slot: 0,
    stop: true,
    model: MODEL_ID,
    tokens_predicted: result.completionTokens,
    tokens_evaluated: promptTokens,
    generation_settings: { n_predict: settings.maxTokens, seed: settings.seed, temperature: settings.temperature, stop: settings.stop, grammar: typeof grammar === 'string' ? grammar : '' },
    prompt: settings.prompt,
    truncated: false,
    stop_type: stopType(result),
    stopping_word: result.matchedStop ?? '',
  };
}

function stopType(result: GenerationResult): 'eos' | 'word' | 'limit' {
  if (result.stoppedBy === 'stop_string') return 'word';
  return result.stoppedBy === 'eos' ? 'eos' : 'limit';
}
