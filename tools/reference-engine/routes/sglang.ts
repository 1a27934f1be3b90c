/**
 * POST /generate, SGLang's native route: `{text, sampling_params: {max_new_tokens, temperature,
 * json_schema, regex, ebnf, stop, sampling_seed}, stream}` -> `{text, meta_info}`. Streams send the
 * whole text so far in each event, as SGLang does by default, then `data: [DONE]`.
 */
import { isObject, sglangConstraint } from '../constraints.js';
import { badRequest } from '../errors.js';
import { openGeneration, type Exchange } from '../exchange.js';
import { collectText, type GenerationResult, type GenerationSettings } from '../generate.js';
import { optionalBoolean, optionalInteger, optionalNumber, stopStrings, temperatureOf, tokenBudget } from '../params.js';

const DEFAULT_MAX_NEW_TOKENS = 128;

export async function sglangGenerate(exchange: Exchange): Promise<void> {
  const { body } = exchange;
  if (typeof body.text !== 'string') throw badRequest('text must be a string (batches and input_ids are not supported here)', 'text');
  const samplingParams = body.sampling_params ?? {};
  if (!isObject(samplingParams)) throw badRequest('sampling_params must be an object', 'sampling_params');
  const prefix = 'sampling_params.';
  const settings: GenerationSettings = {
    prompt: body.text,
    maxTokens: tokenBudget(optionalInteger(samplingParams, 'max_new_tokens', prefix), DEFAULT_MAX_NEW_TOKENS, `${prefix}max_new_tokens`),
    temperature: temperatureOf(optionalNumber(samplingParams, 'temperature', prefix), 1, `${prefix}temperature`),
    seed: optionalInteger(samplingParams, 'sampling_seed', prefix) ?? exchange.engine.defaultSeed,
    stop: stopStrings(samplingParams.stop, `${prefix}stop`),
  };
  const generation = await openGeneration(exchange, settings, sglangConstraint(body, samplingParams));
  const id = exchange.engine.nextId('sglang');
  if (!optionalBoolean(body, 'stream')) {
    const result = await collectText(generation);
    exchange.reply.json(200, { text: result.text, meta_info: metaInfo(id, exchange.engine.vocabulary.promptTokenCount(body.text), result) });
    return;
  }
  const events = exchange.reply.events();
  let text = '';
  let step = await generation.next();
  while (!step.done) {
    text += step.value;
    events.send({ text, meta_info: { id, finish_reason: null } });
    step = await generation.next();
  }
  if (!events.send({ text: step.value.text, meta_info: metaInfo(id, exchange.engine.vocabulary.promptTokenCount(body.text), step.value) })) return;
  events.done();
}

function metaInfo(id: string, promptTokens: number, result: GenerationResult) {
  return {
    id,
    finish_reason: finishReason(result),
    prompt_tokens: promptTokens,
    completion_tokens: result.completionTokens,
    cached_tokens: 0,
  };
}

function finishReason(result: GenerationResult) {
  if (result.finishReason === 'length') return { type: 'length', length: result.completionTokens };
  return { type: 'stop', matched: result.matchedStop ?? result.endTokenId };
}
