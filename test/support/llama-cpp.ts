/**
 * llama.cpp as a judge of GBNF in tests, through node-llama-cpp (its CPU build of llama.cpp).
 *
 * - Parsing: `llama.createGrammar` runs llama.cpp's own GBNF parser (`llama_grammar_init_impl`).
 *   On a refusal node-llama-cpp throws only "Failed to parse grammar"; llama.cpp writes the reason
 *   (`parse: error parsing grammar: expecting ')' at ...`) straight to the process's stderr with
 *   fprintf, and its later checks (left recursion, a missing root rule) to its log callback. The
 *   log is captured through getLlama's logger; the fprintf text cannot be caught in-process, so a
 *   refused grammar is parsed once more in a child process whose stderr is read. Either way the
 *   caller gets a LlamaCppGrammarError with llama.cpp's own words.
 * - Acceptance: a tiny GGUF model with the real Llama-3 vocabulary (tiny-llama3-gguf.ts) gives
 *   llama.cpp a vocabulary, so its grammar sampler (`llama_sampler_init_grammar`) runs exactly as
 *   in a server. The input is tokenised with llama.cpp's tokenizer for that vocabulary; each
 *   token must pass the sampler's filter (`llama_sampler_apply` on that one candidate, as
 *   node-llama-cpp's `canBeNextTokenForGrammarEvaluationState` does) and is then accepted into the
 *   grammar state (`llama_sampler_accept`); at the end the end-of-text token must pass the filter,
 *   which llama.cpp allows only when some parse stack is complete. The same verdict is taken on
 *   llama.cpp's code-point path (`llama_grammar_accept` per code point, node-llama-cpp's
 *   `isTextCompatible`), and the two must agree.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaCompletion, LlamaGrammarEvaluationState, LlamaLogLevel, type Llama, type LlamaGrammar, type LlamaModel } from 'node-llama-cpp';
import { readLlama3Vocabulary, TINY_LLAMA, tinyLlama3GgufPath, tokenBytes } from './tiny-llama3-gguf.js';

/** A grammar llama.cpp refused, with llama.cpp's message and, where it names one, the position. */
export class LlamaCppGrammarError extends Error {
  override readonly name = 'LlamaCppGrammarError';

  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** The parts of node-llama-cpp's addon this judge calls that its public types do not show. */
interface GrammarStateBindings {
  AddonSampler: {
    canBeNextTokenForGrammarEvaluationState(state: unknown, token: number): boolean;
    acceptGrammarEvaluationStateToken(state: unknown, token: number): void;
  };
}

const internals = {
  bindings: (llama: Llama) => (llama as unknown as { _bindings: GrammarStateBindings })._bindings,
  state: (state: LlamaGrammarEvaluationState) => (state as unknown as { _state: unknown })._state,
  textCompatible: (grammar: LlamaGrammar, text: string) => (grammar as unknown as { _testText(text: string): boolean })._testText(text),
};

export interface LlamaCppJudge {
  /** The llama.cpp release node-llama-cpp was built from, e.g. "ggml-org/llama.cpp v0.4.0". */
  readonly release: string;
  /** Parses GBNF with llama.cpp; throws LlamaCppGrammarError when llama.cpp refuses it. */
  parse(gbnf: string): Promise<LlamaGrammar>;
  /** For each input, whether llama.cpp's grammar sampler accepts it as a whole output. */
  acceptance(gbnf: string, inputs: readonly string[]): Promise<boolean[]>;
  /** Samples from the tiny model under the grammar with llama.cpp's own sampler chain, once per seed. */
  generate(gbnf: string, options: { prompt: string; maxTokens: number; seeds: readonly number[] }): Promise<string[]>;
  /** The tokens llama.cpp's tokenizer gives for a text (no BOS). */
  tokenize(text: string): number[];
  readonly model: LlamaModel;
  readonly llama: Llama;
}

let judge: Promise<LlamaCppJudge> | undefined;

/** One judge per process: llama.cpp and the tiny model load once (a few seconds). */
export function llamaCpp(): Promise<LlamaCppJudge> {
  judge ??= createJudge();
  return judge;
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

async function createJudge(): Promise<LlamaCppJudge> {
  const errorLogs: string[] = [];
  const llama = await getLlama({
    gpu: false,
    build: 'never',
    logLevel: LlamaLogLevel.warn,
    logger: (level, message) => {
      if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) errorLogs.push(message);
    },
  });
  const model = await llama.loadModel({ modelPath: tinyLlama3GgufPath(), gpuLayers: 0 });
  const eos = model.tokens.eos;
  if (eos === null) throw new Error('the tiny model has no end-of-text token');
  const release = `${llama.llamaCppRelease.repo} ${llama.llamaCppRelease.release}`;

  async function parse(gbnf: string): Promise<LlamaGrammar> {
    errorLogs.length = 0;
    try {
      return await llama.createGrammar({ grammar: gbnf });
    } catch (error) {
      await macrotask(); // llama.cpp's log lines arrive through a thread-safe callback, after the throw
      throw refusal(gbnf, [...errorLogs], error);
    }
  }

  const vocabulary = readLlama3Vocabulary();

  /**
   * llama.cpp's tokens for the text, checked to spell exactly its bytes (token by token, as the
   * grammar sampler reads them; detokenize would clean spaces before punctuation and hide a gap).
   */
  function tokenize(text: string): number[] {
    const tokens = model.tokenize(text, false) as number[];
    const spelled = Buffer.concat(tokens.map((token) => tokenBytes(vocabulary, token)));
    if (!spelled.equals(Buffer.from(text, 'utf8'))) throw new Error(`llama.cpp's tokens do not spell ${JSON.stringify(text.slice(0, 80))}: they spell ${JSON.stringify(spelled.toString('utf8').slice(0, 80))}`);
    return tokens;
  }

  function tokensAccepted(grammar: LlamaGrammar, tokens: readonly number[]): boolean {
    const sampler = internals.bindings(llama).AddonSampler;
    const state = internals.state(new LlamaGrammarEvaluationState({ model, grammar }));
    for (const token of tokens) {
      if (!sampler.canBeNextTokenForGrammarEvaluationState(state, token)) return false;
      sampler.acceptGrammarEvaluationStateToken(state, token);
    }
    return sampler.canBeNextTokenForGrammarEvaluationState(state, eos!);
  }

  async function acceptance(gbnf: string, inputs: readonly string[]): Promise<boolean[]> {
    const grammar = await parse(gbnf);
    return inputs.map((input) => {
      const byTokens = tokensAccepted(grammar, tokenize(input));
      const byCodePoints = internals.textCompatible(grammar, input);
      if (byTokens !== byCodePoints) throw new Error(`llama.cpp's token path says ${byTokens} and its code-point path says ${byCodePoints} for ${JSON.stringify(input.slice(0, 120))}`);
      return byTokens;
    });
  }

  async function generate(gbnf: string, options: { prompt: string; maxTokens: number; seeds: readonly number[] }): Promise<string[]> {
    const grammar = await parse(gbnf);
    const context = await model.createContext({ contextSize: TINY_LLAMA.context });
    try {
      const sequence = context.getSequence();
      const completion = new LlamaCompletion({ contextSequence: sequence });
      const texts: string[] = [];
      for (const seed of options.seeds) {
        await sequence.clearHistory();
        texts.push(await completion.generateCompletion(options.prompt, { grammar, maxTokens: options.maxTokens, seed, temperature: 1 }));
      }
      return texts;
    } finally {
      await context.dispose();
    }
  }

  return { release, parse, acceptance, generate, tokenize, model, llama };
}

/** Builds the error for a refused grammar from llama.cpp's log lines and its stderr text. */
function refusal(gbnf: string, logs: readonly string[], thrown: unknown): LlamaCppGrammarError {
  const parseError = parseErrorFromChild(gbnf);
  const fallback = thrown instanceof Error ? thrown.message : String(thrown);
  const logLines = logs.map((line) => line.trim()).filter((line) => line !== '');
  const message = [parseError?.message, ...logLines].filter((part): part is string => Boolean(part)).join('; ') || fallback;
  return new LlamaCppGrammarError(`llama.cpp refused the grammar: ${message}`, parseError?.line, parseError?.column);
}

interface ParseErrorText {
  message: string;
  line?: number;
  column?: number;
}

/** Parses the grammar again in a child node (llama-cpp-refusal.mjs) and reads llama.cpp's reason from its stderr. */
function parseErrorFromChild(gbnf: string): ParseErrorText | undefined {
  const script = fileURLToPath(new URL('./llama-cpp-refusal.mjs', import.meta.url));
  const child = spawnSync(process.execPath, [script], { input: gbnf, encoding: 'utf8', maxBuffer: 4 * gbnf.length + (1 << 20), timeout: 120_000 });
  return parseErrorIn(child.stderr ?? '', gbnf);
}

/**
 * Finds llama.cpp's "error parsing grammar: <what> at <rest of the text>\n\n<grammar>" and turns
 * the rest of the text into a line and column.
 */
function parseErrorIn(stderr: string, gbnf: string): ParseErrorText | undefined {
  const marker = 'error parsing grammar: ';
  const start = stderr.indexOf(marker);
  if (start < 0) return undefined;
  const afterMarker = stderr.slice(start + marker.length);
  const end = afterMarker.indexOf(`\n\n${gbnf}`);
  const reason = end >= 0 ? afterMarker.slice(0, end) : afterMarker.split('\n')[0]!;
  const at = / at ([\s\S]*)$/.exec(reason);
  if (!at || !gbnf.endsWith(at[1]!)) return { message: reason };
  const offset = gbnf.length - at[1]!.length;
  const before = gbnf.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return { message: `${reason.slice(0, at.index)} at line ${line}, column ${column}: ${JSON.stringify(at[1]!.slice(0, 40))}`, line, column };
}
