/**
 * What a grammar costs XGrammar with the real Llama-3 vocabulary: the compile a server runs before
 * the first token (grammar construction + GrammarCompiler.compileGrammar, cache disabled), and the
 * token mask it computes at every step (getNextTokenBitmask, then acceptToken of the next token
 * of a real text). Times are measured here, in this thread; see cost-runner.ts for running them
 * in a worker that can be stopped when a compile takes too long.
 */
import { createLlama3TokenizerInfo, llama3Vocabulary } from '../../tools/reference-engine/llama3-vocabulary.js';
import { captureErrors, loadXGrammar, type CompiledGrammar, type Grammar, type XGrammar } from '../../tools/reference-engine/xgrammar.js';
import { summarise, type LatencySummary } from './report.js';

export type GrammarSource =
  | { kind: 'ebnf'; text: string }
  | { kind: 'builtin_json' }
  /** Compiled as vLLM does by default: any whitespace, indent None (-1). */
  | { kind: 'json_schema'; schema: string };

export interface CostJob {
  source: GrammarSource;
  /** The text to replay, as Llama-3 token ids. */
  tokens: number[];
  /** How many times to compile (each a fresh compile) and to replay the text; 1 for targets. */
  compileRepeats?: number;
  replayRepeats?: number;
}

export interface RejectedToken {
  /** 0-based index in the replayed token sequence. */
  index: number;
  id: number;
  /** The token's text (UTF-8, lossy for a partial character). */
  text: string;
}

export interface MaskCost {
  tokens: number;
  /** getNextTokenBitmask, µs per token, over the tokens accepted before any rejection. */
  mask_us: LatencySummary;
  /** acceptToken, µs per token. */
  accept_us: LatencySummary;
  /** The first token the grammar refused: a bug signal when the text is the target's own code. */
  rejected?: RejectedToken;
  /** Whether the grammar accepted a stop token after the whole text. */
  accepts_end: boolean;
}

export interface CompileCost {
  /** Median of the compiles, ms; construction (EBNF parse, schema conversion) included. */
  compile_ms: number;
  compile_samples_ms: number[];
  /** Of which construction alone (Grammar.fromEBNF, fromJSONSchema, builtinJSONGrammar), median ms. */
  construct_ms: number;
}

export type CostResult = CompileCost & MaskCost;

export interface CostMeter {
  compile(source: GrammarSource, repeats?: number): Promise<CompileCost & { compiled: CompiledGrammar }>;
  replay(compiled: CompiledGrammar, tokens: readonly number[], repeats?: number): Promise<MaskCost>;
  measure(job: CostJob): Promise<CostResult>;
}

/** Loads XGrammar and the Llama-3 TokenizerInfo, and warms the WASM up with one small compile. */
export async function createCostMeter(): Promise<CostMeter> {
  const xgrammar = await loadXGrammar();
  const tokenizerInfo = await createLlama3TokenizerInfo(xgrammar);
  const compiler = await xgrammar.GrammarCompiler.createGrammarCompiler(tokenizerInfo, false);
  const vocabulary = llama3Vocabulary();
  const warm = await compiler.compileGrammar('root ::= [a-z]+', 'root');
  warm.dispose();

  const compileOnce = async (source: GrammarSource): Promise<{ ms: number; constructMs: number; compiled: CompiledGrammar }> => {
    const started = performance.now();
    const grammar = await captureErrors(() => grammarOf(xgrammar, source));
    const constructed = performance.now();
    try {
      const compiled = await captureErrors(() => compiler.compileGrammar(grammar));
      return { ms: performance.now() - started, constructMs: constructed - started, compiled };
    } finally {
      grammar.dispose();
    }
  };

  const compile: CostMeter['compile'] = async (source, repeats = 1) => {
    const samples: number[] = [];
    const constructSamples: number[] = [];
    let kept: CompiledGrammar | undefined;
    for (let round = 0; round < repeats; round += 1) {
      const { ms, constructMs, compiled } = await compileOnce(source);
      samples.push(ms);
      constructSamples.push(constructMs);
      kept?.dispose();
      kept = compiled;
    }
    return { compile_ms: round3(median(samples)), compile_samples_ms: samples.map(round3), construct_ms: round3(median(constructSamples)), compiled: kept! };
  };

  const replay: CostMeter['replay'] = async (compiled, tokens, repeats = 1) => {
    const rounds: ReplaySamples[] = [];
    for (let round = 0; round < repeats; round += 1) rounds.push(await replayOnce(xgrammar, compiled, tokens, vocabulary.stopTokenIds, vocabulary.tokenBytes));
    return maskCostOf(tokens.length, rounds);
  };

  const measure: CostMeter['measure'] = async (job) => {
    const { compiled, ...compileCost } = await compile(job.source, job.compileRepeats);
    try {
      return { ...compileCost, ...(await replay(compiled, job.tokens, job.replayRepeats)) };
    } finally {
      compiled.dispose();
    }
  };

  return { compile, replay, measure };
}

function grammarOf(xgrammar: XGrammar, source: GrammarSource): Promise<Grammar> {
  switch (source.kind) {
    case 'ebnf':
      return xgrammar.Grammar.fromEBNF(source.text, 'root');
    case 'builtin_json':
      return xgrammar.Grammar.builtinJSONGrammar();
    case 'json_schema':
      return xgrammar.Grammar.fromJSONSchema(source.schema, true, -1);
  }
}

interface ReplaySamples {
  mask: number[];
  accept: number[];
  rejected?: RejectedToken;
  acceptsEnd: boolean;
}

/** One pass of the text through a fresh matcher; stops at the first refused token. */
async function replayOnce(
  xgrammar: XGrammar,
  compiled: CompiledGrammar,
  tokens: readonly number[],
  stopTokenIds: readonly number[],
  tokenBytes: (id: number) => Uint8Array,
): Promise<ReplaySamples> {
  const matcher = await xgrammar.GrammarMatcher.createGrammarMatcher(compiled);
  const samples: ReplaySamples = { mask: [], accept: [], acceptsEnd: false };
  try {
    for (let index = 0; index < tokens.length; index += 1) {
      const id = tokens[index]!;
      const maskStarted = performance.now();
      await matcher.getNextTokenBitmask();
      const acceptStarted = performance.now();
      const accepted = matcher.acceptToken(id);
      const acceptEnded = performance.now();
      if (!accepted) {
        samples.rejected = { index, id, text: new TextDecoder().decode(tokenBytes(id)) };
        break;
      }
      samples.mask.push((acceptStarted - maskStarted) * 1000);
      samples.accept.push((acceptEnded - acceptStarted) * 1000);
    }
    if (!samples.rejected) samples.acceptsEnd = matcher.acceptToken(stopTokenIds[0]!) && matcher.isTerminated();
  } finally {
    matcher.dispose();
  }
  return samples;
}

/** Replays of the same text as one: per-token samples pooled; the rejection and end of the first kept. */
function maskCostOf(tokenCount: number, rounds: readonly ReplaySamples[]): MaskCost {
  const first = rounds[0]!;
  return {
    tokens: tokenCount,
    mask_us: summarise(rounds.flatMap((round) => round.mask)),
    accept_us: summarise(rounds.flatMap((round) => round.accept)),
    ...(first.rejected ? { rejected: first.rejected } : {}),
    accepts_end: first.acceptsEnd,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
