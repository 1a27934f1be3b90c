import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MemoryCache } from '../cache/index.js';
import { CompiledIR, SHAPES } from '../constraints/compile-api.js';
import { COMPILER_VERSION } from '../compile/compile.js';
import { GenerateRequest, type GenerateResponse } from '../constraints/generate-api.js';
import type { SourceFile } from '../constraints/extract-api.js';
import { AnankeError } from '../errors.js';
import { resolveLanguageName } from '../extract/input.js';
import { languageFromPath } from '../extract/languages.js';
import { startGeneration } from '../generate/generate.js';
import { IrMemo, IrStore } from '../generate/ir-store.js';
import { chooseProvider, type ConfiguredProvider, type GenerateBindings } from '../generate/providers.js';
import { parseWith } from '../http/body.js';
import { PROVIDER_IDS, resilienceFromConfig } from '../providers/index.js';
import { CACHE_AND_PROGRESS_OPTIONS, cacheAndProgressUsage, describeCompile, openCompileStore, statusFrom } from './compile-cache.js';
import type { StatusReporter } from './progress.js';
import { readSource } from './read-source.js';
import { EXIT_VIOLATED, describeReport, parseShape, readConstraintSet, readTextFile } from './validate-command.js';
import { expandPaths } from './walk.js';
import { nodeParsers } from './wasm-node.js';

export const GENERATE_USAGE = `ananke generate "<intent>" (--constraints f | --context paths... | --ir ir.json) [--shape s] [--target t] [--provider p] [--max-tokens n] [--seed n] [-o file]

Generates code through the configured inference engine, validates it against the constraints and
repairs what the grammar could not enforce. The code goes to stdout (or -o), the report to stderr.
Exit codes: 0 every constraint holds, 3 some are violated or the engine ignored its constraint, 1 error.
Constraints are compiled through the compile cache on disk (see --cache-dir): the same constraints,
options and compiler are compiled once; --ir skips compiling altogether.

  -c, --constraints  a constraint set (the output of \`ananke extract\`)
      --context      source files or directories to extract the constraints from (repeatable)
      --ir           a compiled IR (the JSON of \`ananke compile ... -o ir.json\`), used as it is:
                     it fixes shape, language and target; an IR of another compiler version is used
                     with a warning
  -s, --shape        ${SHAPES.join(' | ')} (default function)
  -t, --target       which signature / schema / hole
  -l, --language     target language (default: the constraints')
      --prefix       file with the code before the hole (hole shape)
      --suffix       file with the code after the hole (hole shape)
      --provider     with --engine-url: the engine kind (${PROVIDER_IDS.join(', ')}; default vllm);
                     otherwise: one of the providers configured in the environment
      --engine-url   the engine's base URL (local use; overrides INFERENCE_BASE_URL)
      --model        the served model (overrides INFERENCE_MODEL)
      --max-tokens   token budget per attempt (default 512)
      --temperature  sampling temperature (default 0.2)
      --seed         sampling seed
      --attempts     attempts in all, repairs included (default 2)
      --json         print the whole response as JSON instead of the code
  -o, --output       write the code (or the JSON) to a file
${cacheAndProgressUsage(21)}

The engine comes from the environment, as in the Worker: INFERENCE_PROVIDER, INFERENCE_BASE_URL,
INFERENCE_MODEL, INFERENCE_API_KEY, INFERENCE_BACKEND, INFERENCE_ROUTE, INFERENCE_TIMEOUT_MS,
INFERENCE_RETRIES (see docs/generate.md).`;

type Values = Record<string, string | boolean | string[] | undefined>;

/** The Worker's bindings, read from the environment; --engine-url and --model override them. */
function bindingsFrom(values: Values): GenerateBindings {
  const environment = process.env as GenerateBindings;
  if (typeof values['engine-url'] !== 'string') return { ...environment, ...(typeof values.model === 'string' ? { INFERENCE_MODEL: values.model } : {}) };
  return {
    ...environment,
    INFERENCE_PROVIDERS: undefined,
    INFERENCE_PROVIDER: typeof values.provider === 'string' ? values.provider : (environment.INFERENCE_PROVIDER ?? 'vllm'),
    INFERENCE_BASE_URL: values['engine-url'],
    INFERENCE_MODEL: typeof values.model === 'string' ? values.model : (environment.INFERENCE_MODEL ?? 'default'),
  };
}

/** A missing setting is fixed by an environment variable here, not by wrangler.toml. */
function forTheShell(error: unknown): unknown {
  if (!(error instanceof AnankeError) || error.details?.['reason'] !== 'provider_not_configured') return error;
  const setting = String(error.details['setting'] ?? 'INFERENCE_PROVIDER');
  return new AnankeError(error.code, error.message, `set the environment variable ${setting} (for example \`export INFERENCE_PROVIDER=vllm INFERENCE_BASE_URL=http://localhost:8000\`), or pass --engine-url`, error.details);
}

async function contextFiles(paths: readonly string[]): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const file of await expandPaths([...paths])) {
    if (!languageFromPath(file.path)) {
      process.stderr.write(`warning: skipped ${file.path}: not a supported language\n`);
      continue;
    }
    files.push({ path: file.path, content: await readSource(file.path, file.absolutePath) });
  }
  if (files.length === 0) throw new AnankeError('invalid_request', 'no source files found in --context', 'pass source files or directories with a supported language');
  return files;
}

function numberOption(values: Values, name: string): number | undefined {
  const text = values[name];
  if (typeof text !== 'string') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new AnankeError('invalid_request', `--${name} is "${text}", not a number`, `pass a number to --${name}`);
  return value;
}

/** Hint for a file that is not an IR: what `ananke compile` writes, and which form --ir takes. */
const IR_HINT = 'pass the IR JSON written by `ananke compile <constraints.json> -o ir.json` (with at most a list of dialects: one --dialect alone writes the bare grammar, not an IR)';

/** A compiled IR from a file, or the coded error that says why the file is not one. */
export async function readIrFile(path: string): Promise<CompiledIR> {
  const text = await readTextFile(path, 'the IR file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AnankeError('invalid_json', `${path} is not JSON, so not a compiled IR: ${(error as Error).message}`, IR_HINT, { reason: 'not_an_ir' });
  }
  const parsed = CompiledIR.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    const looksLikeSet = typeof json === 'object' && json !== null && 'constraints' in json && !('compiler_version' in json);
    throw new AnankeError('unprocessable', `${path} is not a compiled IR: ${where}${issue.message}`, looksLikeSet ? 'this looks like a constraint set: pass it with --constraints, or compile it first' : IR_HINT, { reason: 'not_an_ir' });
  }
  if (!/^ir_[0-9a-f]{16}$/.test(parsed.data.id)) {
    throw new AnankeError('unprocessable', `${path} is not a compiled IR: its id "${parsed.data.id}" is not ir_ and 16 hex digits`, IR_HINT, { reason: 'not_an_ir' });
  }
  return parsed.data;
}

/** What a user should know before an IR from a file is used: another compiler made it, or it lacks what the engine reads. */
function irFileWarnings(path: string, ir: CompiledIR, provider: ConfiguredProvider): string[] {
  const warnings: string[] = [];
  if (ir.compiler_version !== COMPILER_VERSION) {
    warnings.push(`${path} was compiled by compiler ${ir.compiler_version}, this is ${COMPILER_VERSION}: using it as it is (it is a valid IR; compile the constraints again for this compiler's output)`);
  }
  const grammars = provider.dialects.filter((dialect) => dialect === 'lark' || dialect === 'gbnf' || dialect === 'ebnf');
  if (ir.shape !== 'json' && grammars.length > 0 && !grammars.some((dialect) => ir.grammar[dialect] !== undefined)) {
    warnings.push(`${path} has no ${grammars.join(' or ')} grammar, which ${provider.name} reads: the engine gets no grammar (compile with all dialects, or --dialect ${grammars.join(',')})`);
  }
  return warnings;
}

function checkOneSource(values: Values): void {
  const contexts = (values.context as string[] | undefined) ?? [];
  const sources = [typeof values.constraints === 'string', contexts.length > 0, typeof values.ir === 'string'].filter(Boolean).length;
  if (sources !== 1) throw new AnankeError('invalid_request', 'give one of --constraints, --context or --ir', `usage: ${GENERATE_USAGE.split('\n')[0]}`);
}

async function requestFrom(intent: string, values: Values, ir: CompiledIR | undefined): Promise<GenerateRequest> {
  const contexts = (values.context as string[] | undefined) ?? [];
  const options = {
    max_tokens: numberOption(values, 'max-tokens'),
    temperature: numberOption(values, 'temperature'),
    seed: numberOption(values, 'seed'),
    max_attempts: numberOption(values, 'attempts'),
  };
  return parseWith(GenerateRequest, {
    intent,
    ...(ir ? { ir_id: ir.id } : typeof values.constraints === 'string' ? { constraints: await readConstraintSet(values.constraints) } : { context: { files: await contextFiles(contexts) } }),
    ...(typeof values.shape === 'string' ? { shape: parseShape(values.shape) } : {}),
    ...(typeof values.target === 'string' ? { target: values.target } : {}),
    ...(typeof values.language === 'string' ? { language: resolveLanguageName(values.language) } : {}),
    ...(typeof values.prefix === 'string' ? { prefix: await readTextFile(values.prefix, 'the prefix file') } : {}),
    ...(typeof values.suffix === 'string' ? { suffix: await readTextFile(values.suffix, 'the suffix file') } : {}),
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  });
}

function summary(response: GenerateResponse): string {
  const attempt = `attempt ${response.chosen_attempt} of ${response.attempts.length}`;
  const failure = response.engine_failure ? `\nengine failure: ${response.engine_failure.message}` : '';
  return `${response.provenance.ir_id} via ${response.provider} (${response.model}), ${attempt}: ${describeReport(response.validation)}${failure}\n`;
}

function milliseconds(value: number): string {
  return value < 10 ? value.toFixed(1) : Math.round(value).toString();
}

/** "generated 96 tokens in 840 ms (1 attempt)": what the engine did, from the response. */
function describeGeneration(response: GenerateResponse): string {
  const tokens = response.usage.completion_tokens === null ? `${response.code.length} characters` : `${response.usage.completion_tokens} tokens`;
  const attempts = response.attempts.length === 1 ? '1 attempt' : `${response.attempts.length} attempts`;
  return `generated ${tokens} in ${milliseconds(response.timings.generate_ms)} ms (${attempts}), validated in ${milliseconds(response.timings.validate_ms)} ms`;
}

async function run(request: GenerateRequest, services: Parameters<typeof startGeneration>[1], status: StatusReporter, irSource: { path: string } | undefined, directory: string | undefined): Promise<GenerateResponse> {
  const generation = await startGeneration(request, services).finally(() => status.done());
  const { resolved } = generation;
  if (irSource) status.line(`using ${resolved.ir.id} from ${irSource.path} (no compile)`);
  else {
    if (resolved.source === 'context') status.line(resolved.cache === 'hit' ? `context cache hit: ${resolved.ir.id} (${milliseconds(resolved.extract_ms)} ms)` : `extracted the context in ${milliseconds(resolved.extract_ms)} ms`);
    if (resolved.source !== 'context' || resolved.cache !== 'hit') status.line(describeCompile(resolved.ir.id, resolved.cache, resolved.compile_ms, directory));
  }
  status.phase(`generating with ${services.provider.name} (${services.provider.provider.model})...`);
  const response = await generation.run().finally(() => status.done());
  status.line(describeGeneration(response));
  return response;
}

export async function runGenerate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      constraints: { type: 'string', short: 'c' },
      context: { type: 'string', multiple: true },
      shape: { type: 'string', short: 's' },
      target: { type: 'string', short: 't' },
      language: { type: 'string', short: 'l' },
      prefix: { type: 'string' },
      suffix: { type: 'string' },
      provider: { type: 'string' },
      'engine-url': { type: 'string' },
      model: { type: 'string' },
      'max-tokens': { type: 'string' },
      temperature: { type: 'string' },
      seed: { type: 'string' },
      attempts: { type: 'string' },
      json: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
      ir: { type: 'string' },
      ...CACHE_AND_PROGRESS_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new AnankeError('invalid_request', 'give the intent as one quoted argument', `usage: ${GENERATE_USAGE.split('\n')[0]}`);
  checkOneSource(values);
  const ir = typeof values.ir === 'string' ? await readIrFile(values.ir) : undefined;
  const request = await requestFrom(positionals[0]!, values, ir);
  const bindings = bindingsFrom(values);
  const status = statusFrom(values);
  let response: GenerateResponse;
  try {
    const provider = chooseProvider(bindings, typeof values['engine-url'] === 'string' ? undefined : (values.provider as string | undefined));
    const { retry } = resilienceFromConfig(bindings);
    let store: IrStore;
    let directory: string | undefined;
    if (ir) {
      // The IR is used as it is: held in memory for this run, never compiled, never cached.
      for (const warning of irFileWarnings(values.ir as string, ir, provider)) process.stderr.write(`warning: ${warning}\n`);
      store = new IrStore(new MemoryCache(), new IrMemo());
      await store.storeIr(ir);
    } else {
      const opened = openCompileStore(values, status);
      store = opened;
      directory = opened.directory;
    }
    response = await run(request, { parsers: nodeParsers, store, provider, retry }, status, ir ? { path: values.ir as string } : undefined, directory);
  } catch (error) {
    throw forTheShell(error);
  }
  const text = values.json ? `${JSON.stringify(response, null, 2)}\n` : response.code.endsWith('\n') ? response.code : `${response.code}\n`;
  if (values.output) await writeFile(values.output, text);
  else process.stdout.write(text);
  process.stderr.write(summary(response));
  return response.validation.all_satisfied && !response.engine_failure ? 0 : EXIT_VIOLATED;
}
