import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DIALECTS, Dialect, SHAPES, Shape, type CompiledIR } from '../constraints/compile-api.js';
import { ConstraintSet } from '../constraints/schema.js';
import { AnankeError } from '../errors.js';
import { parseWith } from '../http/body.js';
import { resolveLanguageName } from '../extract/input.js';
import { CACHE_AND_PROGRESS_OPTIONS, cacheAndProgressUsage, compileThroughStore, describeCompile, openCompileStore, statusFrom } from './compile-cache.js';

export const COMPILE_USAGE = `ananke compile <constraints.json> [--shape function|module|json|hole] [--target name] [--dialect d,...] [-o file]

Compiles a constraint set (the output of \`ananke extract\`) into the constraint IR.
With one --dialect, prints just that artifact (grammar text, regex, or JSON Schema); otherwise the IR as JSON
(which \`ananke generate --ir\` takes). Compiled IR is cached on disk under its content hash, which covers
the constraints, the options and the compiler version: the same compile again is a cache read.

  -s, --shape      ${SHAPES.join(' | ')} (default function)
  -t, --target     which signature / schema / hole (name, Container.name or constraint id)
  -d, --dialect    ${DIALECTS.join(', ')} (default all)
  -l, --language   target language (default: the set's)
      --prefix     file with the code before the hole (hole shape)
      --suffix     file with the code after the hole (hole shape)
      --strict     fail on conflicting constraints instead of resolving them by priority
  -o, --output     write to a file instead of stdout
${cacheAndProgressUsage(19)}`;

async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new AnankeError('not_found', `cannot read ${path}`, 'pass the JSON written by `ananke extract -o`');
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AnankeError('invalid_json', `${path} is not JSON: ${(error as Error).message}`, 'pass the JSON written by `ananke extract -o`');
  }
}

function parseChoice<T extends string>(schema: { safeParse(value: unknown): { success: boolean; data?: T } }, value: string, what: string, choices: readonly string[]): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AnankeError('invalid_request', `unknown ${what} "${value}"`, `use one of: ${choices.join(', ')}`);
  return parsed.data!;
}

/** The one artifact asked for, as text a tool can read directly. */
function artifact(ir: CompiledIR, dialect: Dialect): string {
  const text = dialect === 'json_schema' ? (ir.json_schema ? JSON.stringify(ir.json_schema, null, 2) : undefined) : dialect === 'regex' ? ir.regex : ir.grammar[dialect];
  if (text === undefined) throw new AnankeError('unprocessable', `no ${dialect} output for the ${ir.shape} shape`, dialect === 'json_schema' ? 'use --shape json' : 'pick another --dialect, or see the IR warnings');
  return text.endsWith('\n') ? text : `${text}\n`;
}

export async function runCompile(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      shape: { type: 'string', short: 's', default: 'function' },
      target: { type: 'string', short: 't' },
      dialect: { type: 'string', short: 'd' },
      language: { type: 'string', short: 'l' },
      prefix: { type: 'string' },
      suffix: { type: 'string' },
      strict: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
      ...CACHE_AND_PROGRESS_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new AnankeError('invalid_request', 'give exactly one constraints file', `usage: ${COMPILE_USAGE.split('\n')[0]}`);
  const set = parseWith(ConstraintSet, await readJsonFile(positionals[0]!));
  const shape = parseChoice<Shape>(Shape, values.shape!, 'shape', SHAPES);
  const dialects = values.dialect?.split(',').map((name) => parseChoice<Dialect>(Dialect, name.trim(), 'dialect', DIALECTS));
  const status = statusFrom(values);
  const store = openCompileStore(values, status);
  const { ir, cache, compile_ms } = await compileThroughStore({
    set, shape, strict: values.strict!,
    ...(values.target ? { target: values.target } : {}),
    ...(dialects ? { dialects } : {}),
    ...(values.language ? { language: resolveLanguageName(values.language) } : {}),
    ...(values.prefix ? { prefix: await readFile(values.prefix, 'utf8') } : {}),
    ...(values.suffix ? { suffix: await readFile(values.suffix, 'utf8') } : {}),
  }, store).finally(() => status.done());
  status.line(describeCompile(ir.id, cache, compile_ms, store.directory));
  const text = dialects?.length === 1 ? artifact(ir, dialects[0]!) : `${JSON.stringify(ir, null, 2)}\n`;
  if (values.output) await writeFile(values.output, text);
  else process.stdout.write(text);
  const cached = store.directory ? `, compile cache ${cache === 'hit' ? 'hit' : cache === 'miss' ? 'miss' : 'unavailable'}` : '';
  process.stderr.write(`${ir.id}: ${ir.validators.length} checks, ${ir.warnings.length} warnings, ${ir.resolutions.length} conflicts resolved${cached}\n`);
  return 0;
}
