import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { prepareCompile } from '../compile/compile.js';
import { SHAPES, Shape } from '../constraints/compile-api.js';
import { ConstraintSet, type Language } from '../constraints/schema.js';
import type { ValidationReport } from '../constraints/validate-api.js';
import { AnankeError } from '../errors.js';
import { resolveLanguageName } from '../extract/input.js';
import { languageFromPath } from '../extract/languages.js';
import { validateCode } from '../generate/validation.js';
import { parseWith } from '../http/body.js';
import { nodeParsers } from './wasm-node.js';

export const VALIDATE_USAGE = `ananke validate <file> --constraints <constraints.json> [--shape function|module|json|hole] [--target name] [--language lang]

Checks code against a constraint set (the output of \`ananke extract\`) and prints the report as JSON.
The constraints checked are the ones \`ananke compile\` and \`ananke generate\` hold that shape and
target to: a function is checked against its target signature only, a json value against its
target schema (with the types it refers to), so validate and generate give the same verdict.
Exit codes: 0 every constraint holds, 3 some are violated, 1 error.

  -c, --constraints  the constraint set
  -s, --shape        ${SHAPES.join(' | ')} (default module)
  -t, --target       the signature, type or schema the output is for (name or constraint id);
                     needed when the set has more than one for the shape
  -l, --language     the file's language (default: from its extension, else the set's)
  -q, --quiet        no summary on stderr`;

/** Exit code when the code was checked and breaks a constraint. */
export const EXIT_VIOLATED = 3;

export async function readTextFile(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => {
    throw new AnankeError('not_found', `cannot read ${what} ${path}`, 'check the path');
  });
}

/** A constraint set from a file, or the AnankeError that says why it is not one. */
export async function readConstraintSet(path: string): Promise<ConstraintSet> {
  const text = await readTextFile(path, 'the constraints file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AnankeError('invalid_json', `${path} is not JSON: ${(error as Error).message}`, 'pass the JSON written by `ananke extract -o`');
  }
  try {
    return parseWith(ConstraintSet, json);
  } catch (error) {
    if (!(error instanceof AnankeError)) throw error;
    throw new AnankeError('unprocessable', `${path} is not a constraint set: ${error.message}`, 'pass the JSON written by `ananke extract -o`', error.details);
  }
}

export function parseShape(value: string): Shape {
  const parsed = Shape.safeParse(value);
  if (!parsed.success) throw new AnankeError('invalid_request', `unknown shape "${value}"`, `use one of: ${SHAPES.join(', ')}`);
  return parsed.data;
}

function languageFor(file: string, explicit: string | undefined, set: ConstraintSet, shape: Shape): Language {
  if (explicit) return resolveLanguageName(explicit);
  const language = languageFromPath(file) ?? set.language;
  if (language) return language;
  if (shape === 'json') return 'javascript';
  throw new AnankeError('language_required', `cannot tell the language of ${file}`, 'pass --language, or use a file extension that names it');
}

/** One line per violation, for people; the JSON report is on stdout for tools. */
export function describeReport(report: ValidationReport): string {
  const head = `${report.satisfied.length} satisfied, ${report.violated.length} violated, ${report.not_checked.length} not checked`;
  const lines = report.violated.map((violation) => `  ${violation.check} ${violation.constraint_id}${violation.location ? ` at ${violation.location.line}:${violation.location.column}` : ''}: ${violation.message}`);
  return [head, ...lines].join('\n');
}

export async function runValidate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      constraints: { type: 'string', short: 'c' },
      shape: { type: 'string', short: 's', default: 'module' },
      language: { type: 'string', short: 'l' },
      target: { type: 'string', short: 't' },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (positionals.length !== 1 || !values.constraints) throw new AnankeError('invalid_request', 'give one file and --constraints', `usage: ${VALIDATE_USAGE.split('\n')[0]}`);
  const file = positionals[0]!;
  const set = await readConstraintSet(values.constraints);
  const shape = parseShape(values.shape!);
  const code = await readTextFile(file, 'the file');
  const language = languageFor(file, values.language, set, shape);
  // The same selection as compile and generate: target, focus, conflicts (prepareCompile).
  const prepared = prepareCompile({
    set,
    shape,
    ...(shape !== 'json' || values.language ? { language } : {}),
    ...(values.target !== undefined ? { target: values.target } : {}),
  });
  const checked = validateCode(await nodeParsers(), { code, language, shape }, prepared.constraints);
  process.stdout.write(`${JSON.stringify({ ...checked.report, warnings: checked.warnings }, null, 2)}\n`);
  if (!values.quiet) process.stderr.write(`${file}: ${describeReport(checked.report)}\n`);
  return checked.report.all_satisfied ? 0 : EXIT_VIOLATED;
}
