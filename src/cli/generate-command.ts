import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MemoryCache } from '../cache/index.js';
import { SHAPES } from '../constraints/compile-api.js';
import { GenerateRequest, type GenerateResponse } from '../constraints/generate-api.js';
import type { SourceFile } from '../constraints/extract-api.js';
import { AnankeError } from '../errors.js';
import { resolveLanguageName } from '../extract/input.js';
import { languageFromPath } from '../extract/languages.js';
import { generateCode } from '../generate/generate.js';
import { IrMemo, IrStore } from '../generate/ir-store.js';
import { chooseProvider, type GenerateBindings } from '../generate/providers.js';
import { parseWith } from '../http/body.js';
import { PROVIDER_IDS, resilienceFromConfig } from '../providers/index.js';
import { readSource } from './read-source.js';
import { EXIT_VIOLATED, describeReport, parseShape, readConstraintSet, readTextFile } from './validate-command.js';
import { expandPaths } from './walk.js';
import { nodeParsers } from './wasm-node.js';

export const GENERATE_USAGE = `ananke generate "<intent>" (--constraints f | --context paths...) [--shape s] [--target t] [--provider p] [--max-tokens n] [--seed n] [-o file]

Generates code through the configured inference engine, validates it against the constraints and
repairs what the grammar could not enforce. The code goes to stdout (or -o), the report to stderr.
Exit codes: 0 every constraint holds, 3 some are violated or the engine ignored its constraint, 1 error.

  -c, --constraints  a constraint set (the output of \`ananke extract\`)
      --context      source files or directories to extract the constraints from (repeatable)
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

async function requestFrom(intent: string, values: Values): Promise<GenerateRequest> {
  const contexts = (values.context as string[] | undefined) ?? [];
  if ((typeof values.constraints === 'string') === contexts.length > 0) throw new AnankeError('invalid_request', 'give either --constraints or --context', `usage: ${GENERATE_USAGE.split('\n')[0]}`);
  const options = {
    max_tokens: numberOption(values, 'max-tokens'),
    temperature: numberOption(values, 'temperature'),
    seed: numberOption(values, 'seed'),
    max_attempts: numberOption(values, 'attempts'),
  };
  return parseWith(GenerateRequest, {
    intent,
    ...(typeof values.constraints === 'string' ? { constraints: await readConstraintSet(values.constraints) } : { context: { files: await contextFiles(contexts) } }),
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
    },
  });
  if (positionals.length !== 1) throw new AnankeError('invalid_request', 'give the intent as one quoted argument', `usage: ${GENERATE_USAGE.split('\n')[0]}`);
  const request = await requestFrom(positionals[0]!, values);
  const bindings = bindingsFrom(values);
  let response: GenerateResponse;
  try {
    const provider = chooseProvider(bindings, typeof values['engine-url'] === 'string' ? undefined : (values.provider as string | undefined));
    const { retry } = resilienceFromConfig(bindings);
    response = await generateCode(request, { parsers: nodeParsers, store: new IrStore(new MemoryCache(), new IrMemo()), provider, retry });
  } catch (error) {
    throw forTheShell(error);
  }
  const text = values.json ? `${JSON.stringify(response, null, 2)}\n` : response.code.endsWith('\n') ? response.code : `${response.code}\n`;
  if (values.output) await writeFile(values.output, text);
  else process.stdout.write(text);
  process.stderr.write(summary(response));
  return response.validation.all_satisfied && !response.engine_failure ? 0 : EXIT_VIOLATED;
}
