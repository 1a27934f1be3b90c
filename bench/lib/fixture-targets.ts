/**
 * Every compile target the fixtures give, as the product extracts and compiles them: each file
 * under test/fixtures is extracted alone; its module shape, each extracted signature (function
 * shape) and each extracted hole (hole shape, with the file's text around the hole as prefix and
 * suffix) are compiled to Lark, GBNF and EBNF. Each target carries the text a grammar for it must
 * accept: the function's own source, the whole file, the hole's current text.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileConstraints } from '../../src/compile/compile.js';
import type { Shape } from '../../src/constraints/compile-api.js';
import type { ConstraintOf, ConstraintSet, Language, Range } from '../../src/constraints/schema.js';
import { languageFromPath } from '../../src/extract/languages.js';
import { isAnankeError } from '../../src/errors.js';
import { extractFixtures, FIXTURES, readFixture } from '../../test/helpers/extract.js';

export const GRAMMAR_DIALECTS = ['lark', 'gbnf', 'ebnf'] as const;
export type GrammarDialect = (typeof GRAMMAR_DIALECTS)[number];

export interface FixtureTarget {
  /** e.g. `python/orders_api.py#load_order` (function), `python/orders_api.py` (module), `python/orders_api.py:87` (hole). */
  name: string;
  file: string;
  language: Language;
  shape: Exclude<Shape, 'json'>;
  /** Compiles the target's grammars with the project's compiler. */
  compile(): CompiledGrammars;
  /** The text the grammar is replayed over: code the codebase itself wrote for this target. */
  text: string;
}

export interface GrammarSize {
  bytes: number;
  rules: number;
}

export type CompiledGrammars =
  | { status: 'compiled'; compile_ms: number; grammars: Record<GrammarDialect, string>; sizes: Record<GrammarDialect, GrammarSize> }
  | { status: 'refused'; compile_ms: number; message: string };

export interface SkippedTarget {
  name: string;
  reason: string;
}

/** Paths under test/fixtures of every file in a language the product extracts. */
export function fixtureFiles(): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && languageFromPath(entry.name)) found.push(relative(FIXTURES, path));
    }
  };
  walk(FIXTURES);
  return found.sort();
}

/**
 * The targets of every fixture file. A target whose text holds a parse error (the fixtures with
 * deliberately broken syntax) is skipped and said so: that text is not code a grammar should accept.
 */
export async function fixtureTargets(files = fixtureFiles()): Promise<{ targets: FixtureTarget[]; skipped: SkippedTarget[] }> {
  const targets: FixtureTarget[] = [];
  const skipped: SkippedTarget[] = [];
  for (const file of files) {
    const set = await extractFixtures([file]);
    for (const { target, range } of targetsOfFile(file, set)) {
      const error = set.parse_errors.find((parseError) => range === undefined || overlaps(parseError.range, range));
      if (error) skipped.push({ name: target.name, reason: `its text has a parse error at line ${error.range.start.line}: ${error.message}` });
      else targets.push(target);
    }
  }
  return { targets, skipped };
}

/** Whether two ranges share a line (parse errors are often zero-width). */
function overlaps(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

/** A target and the range of its text in the file (undefined: the whole file). */
interface LocatedTarget {
  target: FixtureTarget;
  range: Range | undefined;
}

function targetsOfFile(file: string, set: ConstraintSet): LocatedTarget[] {
  const content = readFixture(file);
  const language = languageFromPath(file)!;
  const signatures = set.constraints.filter((constraint): constraint is ConstraintOf<'signature'> => constraint.type === 'signature');
  const holes = set.constraints.filter((constraint): constraint is ConstraintOf<'hole'> => constraint.type === 'hole');
  const base = { file, language };
  const functions = signatures.flatMap((signature) => {
    const range = signature.provenance.range;
    if (!range) return [];
    const target: FixtureTarget = {
      ...base,
      name: `${file}#${signatureLabel(signature)}@${range.start.line}`,
      shape: 'function',
      text: fromHeader(dedentedRange(content, range), signature.payload.header),
      compile: () => compileTarget({ set, shape: 'function', target: signature.id }),
    };
    return [{ target, range }];
  });
  const module: LocatedTarget = { target: { ...base, name: file, shape: 'module', text: content, compile: () => compileTarget({ set, shape: 'module' }) }, range: undefined };
  const holeTargets = holes.map((hole): LocatedTarget => {
    const { prefix, suffix } = aroundRange(content, hole.payload.range);
    const target: FixtureTarget = {
      ...base,
      name: `${file}:${hole.payload.range.start.line} (${hole.payload.marker})`,
      shape: 'hole',
      text: hole.payload.text,
      compile: () => compileTarget({ set, shape: 'hole', target: hole.id, prefix, suffix }),
    };
    return { target, range: hole.payload.range };
  });
  return [...functions, module, ...holeTargets];
}

function signatureLabel(signature: ConstraintOf<'signature'>): string {
  return signature.payload.container ? `${signature.payload.container}.${signature.payload.name}` : signature.payload.name;
}

function compileTarget(input: { set: ConstraintSet; shape: Exclude<Shape, 'json'>; target?: string; prefix?: string; suffix?: string }): CompiledGrammars {
  const started = performance.now();
  try {
    const ir = compileConstraints({ ...input, dialects: GRAMMAR_DIALECTS });
    const compileMs = Math.round((performance.now() - started) * 10) / 10;
    const grammars = Object.fromEntries(GRAMMAR_DIALECTS.map((dialect) => [dialect, ir.grammar[dialect] ?? ''])) as Record<GrammarDialect, string>;
    const sizes = Object.fromEntries(GRAMMAR_DIALECTS.map((dialect) => [dialect, grammarSize(dialect, grammars[dialect])])) as Record<GrammarDialect, GrammarSize>;
    return { status: 'compiled', compile_ms: compileMs, grammars, sizes };
  } catch (error) {
    if (!isAnankeError(error)) throw error;
    return { status: 'refused', compile_ms: Math.round(performance.now() - started), message: error.message };
  }
}

export function grammarSize(dialect: GrammarDialect, text: string): GrammarSize {
  return { bytes: Buffer.byteLength(text), rules: countRules(dialect, text) };
}

/**
 * Rule definitions in a grammar text: lines that start a rule (`name ::=` in GBNF and EBNF,
 * `name:` or `NAME:` in Lark, with Lark's `?`/`!` prefixes and `.priority`), comments and
 * continuation lines aside.
 */
export function countRules(dialect: GrammarDialect, text: string): number {
  const definition = dialect === 'lark' ? /^[?!]?[A-Za-z_][A-Za-z0-9_]*(\.-?\d+)?\s*:(?!:)/ : /^[A-Za-z_][A-Za-z0-9_.-]*\s*::=/;
  return text.split('\n').filter((line) => definition.test(line)).length;
}

/**
 * A function's text from its header on: annotations and decorators above it (`@Override`,
 * `@app.get(...)`) are part of the declaration's range but not of what a function grammar writes,
 * which starts with the header.
 */
function fromHeader(text: string, header: string): string {
  const at = text.indexOf(header);
  return at > 0 ? text.slice(at) : text;
}

/** The text of a range, 1-based lines and columns, end column exclusive. */
function rangeText(content: string, range: Range): string {
  const lines = content.split('\n').slice(range.start.line - 1, range.end.line);
  if (lines.length === 0) return '';
  lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, range.end.column - 1);
  lines[0] = lines[0]!.slice(range.start.column - 1);
  return lines.join('\n');
}

/** A range's text with its first line's indentation taken off every later line: the code as written at top level. */
export function dedentedRange(content: string, range: Range): string {
  const [first = '', ...rest] = rangeText(content, range).split('\n');
  const firstLine = content.split('\n')[range.start.line - 1] ?? '';
  const indent = firstLine.slice(0, range.start.column - 1);
  const outdent = /^\s*$/.test(indent) ? indent : '';
  return [first, ...rest.map((line) => (outdent && line.startsWith(outdent) ? line.slice(outdent.length) : line))].join('\n');
}

function aroundRange(content: string, range: Range): { prefix: string; suffix: string } {
  const lines = content.split('\n');
  const offsetOf = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
  return { prefix: content.slice(0, offsetOf(range.start.line, range.start.column)), suffix: content.slice(offsetOf(range.end.line, range.end.column)) };
}
