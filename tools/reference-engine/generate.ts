/**
 * The decode loop: ask XGrammar which tokens the grammar allows next, draw one with the seeded
 * sampler, feed it back, until the grammar accepts the end token or the token budget runs out.
 */
import { BracketTracker } from './brackets.js';
import type { MatcherLease } from './compiler.js';
import { byteVocabulary, type EngineVocabulary } from './engine-vocabulary.js';
import { createRandom, generationSeed } from './sampler.js';
import { Utf8Guard } from './utf8.js';
import { allowedTokens } from './vocabulary.js';

export interface GenerationSettings {
  prompt: string;
  maxTokens: number;
  temperature: number;
  seed: number;
  stop: readonly string[];
}

export type StopCause = 'eos' | 'stop_string' | 'length' | 'cancelled';

export interface GenerationResult {
  text: string;
  finishReason: 'stop' | 'length';
  stoppedBy: StopCause;
  matchedStop?: string;
  /** Tokens drawn, the end token included when it was drawn. */
  completionTokens: number;
  /** The end token drawn, when the text ended that way. */
  endTokenId?: number;
}

const BYTES = byteVocabulary();

/**
 * Yields text as it becomes final (a multi-byte character is held until complete, and text that
 * could still become a stop string is held until it cannot) and returns the result. Run it to the
 * end: it stops by itself once `isCancelled()` is true, and releases the lease when it finishes.
 */
export async function* generateText(
  settings: GenerationSettings,
  lease: MatcherLease | undefined,
  isCancelled: () => boolean = () => false,
  vocabulary: EngineVocabulary = BYTES,
): AsyncGenerator<string, GenerationResult> {
  const random = createRandom(generationSeed(settings.seed, settings.prompt));
  const decoder = new TextDecoder('utf-8');
  const holdBack = Math.max(0, ...settings.stop.map((stop) => stop.length - 1));
  let text = '';
  let emitted = 0;
  let tokens = 0;
  let endTokenId: number | undefined;
  let previous: number | undefined;
  const utf8 = new Utf8Guard();
  const brackets = new BracketTracker();
  try {
    while (tokens < settings.maxTokens) {
      if (isCancelled()) return finish(text, 'cancelled', tokens);
      const allowed = lease ? drawable(allowedTokens(await lease.matcher.getNextTokenBitmask(), vocabulary.size), vocabulary) : vocabulary.unconstrainedTokens;
      if (allowed.length === 0) throw new Error('XGrammar allowed no token at all: the grammar has a dead end');
      const token = vocabulary.sample(keepUtf8Valid(allowed, utf8, vocabulary), { step: tokens, previous, constrained: lease !== undefined, brackets }, settings.temperature, random);
      tokens += 1;
      if (lease && !lease.matcher.acceptToken(token)) throw new Error(`XGrammar refused token ${token}, which its own mask allowed`);
      if (vocabulary.endTokenIds.includes(token)) {
        endTokenId = token;
        break;
      }
      const bytes = vocabulary.tokenBytes(token);
      previous = bytes[bytes.length - 1] ?? previous;
      for (const byte of bytes) {
        utf8.push(byte);
        brackets.push(byte);
      }
      text += decoder.decode(bytes, { stream: true });
      const stop = findStop(text, settings.stop);
      if (stop) {
        const cut = text.slice(0, stop.index);
        if (cut.length > emitted) yield cut.slice(emitted);
        return { ...finish(cut, 'stop_string', tokens), matchedStop: stop.text };
      }
      const safeEnd = text.length - holdBack;
      if (safeEnd > emitted) {
        yield text.slice(emitted, safeEnd);
        emitted = safeEnd;
      }
    }
    text += decoder.decode();
    if (text.length > emitted) yield text.slice(emitted);
    return endTokenId === undefined ? finish(text, 'length', tokens) : { ...finish(text, 'eos', tokens), endTokenId };
  } finally {
    lease?.release();
  }
}

/** The allowed tokens the vocabulary may draw (special tokens aside); all of them if that leaves none. */
function drawable(allowed: number[], vocabulary: EngineVocabulary): readonly number[] {
  const kept = allowed.filter((token) => !vocabulary.isExcluded(token));
  return kept.length > 0 ? kept : allowed;
}

/** The allowed tokens that keep the text valid UTF-8; all of them if the grammar leaves no such choice. */
function keepUtf8Valid(allowed: readonly number[], utf8: Utf8Guard, vocabulary: EngineVocabulary): readonly number[] {
  const valid = allowed.filter((token) => (vocabulary.endTokenIds.includes(token) ? utf8.atBoundary : utf8.allowsAll(vocabulary.tokenBytes(token))));
  return valid.length > 0 ? valid : allowed;
}

function finish(text: string, stoppedBy: StopCause, completionTokens: number): GenerationResult {
  const finishReason = stoppedBy === 'length' || stoppedBy === 'cancelled' ? 'length' : 'stop';
  return { text, finishReason, stoppedBy, completionTokens };
}

function findStop(text: string, stops: readonly string[]): { index: number; text: string } | undefined {
  let found: { index: number; text: string } | undefined;
  for (const stop of stops) {
    if (stop.length === 0) continue;
    const index = text.indexOf(stop);
    if (index >= 0 && (!found || index < found.index)) found = { index, text: stop };
  }
  return found;
}

/** Runs a generation to the end and returns its result. */
export async function collectText(generation: AsyncGenerator<string, GenerationResult>): Promise<GenerationResult> {
  for (;;) {
    const step = await generation.next();
    if (step.done) return step.value;
  }
}
