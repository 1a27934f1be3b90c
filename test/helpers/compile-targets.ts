/**
 * Every compile target the fixtures give, as the product extracts them: each file under
 * test/fixtures in a language the product reads is extracted alone; its module, each extracted
 * signature (function shape) and each extracted hole (hole shape, with the file's text before and
 * after the hole as prefix and suffix) is a target. Each carries the code the codebase wrote for
 * it: the whole file, the function's source, the hole's current text.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CompileInput } from '../../src/compile/compile.js';
import type { ConstraintOf, ConstraintSet, Language, Range } from '../../src/constraints/schema.js';
import { languageFromPath } from '../../src/extract/languages.js';
import { extractFixtures, FIXTURES, readFixture } from './extract.js';

export interface CompileTarget {
  /** e.g. `go/handlers.go` (module), `go/handlers.go#Handler.List` (function), `go/handlers.go:87` (hole). */
  name: string;
  file: string;
  language: Language;
  /** Everything compileConstraints needs but the dialects. */
  input: Omit<CompileInput, 'dialects'>;
  /** The code this target's grammar describes, as the fixture has it. */
  ownText: string;
  /** Where that code is in the file; undefined for a module (the whole file). */
  range: Range | undefined;
}

/** Paths under test/fixtures of every file in a language the product extracts, sorted. */
export function fixtureSourceFiles(): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (languageFromPath(entry.name)) found.push(relative(FIXTURES, path));
    }
  };
  walk(FIXTURES);
  return found.sort();
}

function offsetOf(content: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = content.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

function rangeText(content: string, range: Range): string {
  return content.slice(offsetOf(content, range.start.line, range.start.column), offsetOf(content, range.end.line, range.end.column));
}

/** A range's text with the indentation before its first line taken off the later lines (a method as if at top level). */
export function dedented(content: string, range: Range): string {
  const indent = content.split('\n')[range.start.line - 1]!.slice(0, range.start.column - 1);
  const [first = '', ...rest] = rangeText(content, range).split('\n');
  if (!/^\s+$/.test(indent)) return [first, ...rest].join('\n');
  return [first, ...rest.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))].join('\n');
}

function signatureLabel(signature: ConstraintOf<'signature'>): string {
  return signature.payload.container ? `${signature.payload.container}.${signature.payload.name}` : signature.payload.name;
}

/** The targets of one extracted fixture file: its module, then its functions and holes in extraction order. */
export function compileTargetsOf(file: string, set: ConstraintSet): CompileTarget[] {
  const content = readFixture(file);
  const language = languageFromPath(file)!;
  const targets: CompileTarget[] = [{ name: file, file, language, input: { set, shape: 'module' }, ownText: content, range: undefined }];
  for (const constraint of set.constraints) {
    if (constraint.type === 'signature' && constraint.provenance.range) {
      const range = constraint.provenance.range;
      targets.push({ name: `${file}#${signatureLabel(constraint)}@${range.start.line}`, file, language, input: { set, shape: 'function', target: constraint.id }, ownText: dedented(content, range), range });
    }
    if (constraint.type === 'hole') {
      const { start, end } = constraint.payload.range;
      const prefix = content.slice(0, offsetOf(content, start.line, start.column));
      const suffix = content.slice(offsetOf(content, end.line, end.column));
      targets.push({ name: `${file}:${start.line} (${constraint.payload.marker})`, file, language, input: { set, shape: 'hole', target: constraint.id, prefix, suffix }, ownText: constraint.payload.text, range: constraint.payload.range });
    }
  }
  return targets;
}

/** The targets of every fixture file (module first, then functions and holes in extraction order). */
export async function fixtureCompileTargets(files = fixtureSourceFiles()): Promise<CompileTarget[]> {
  const targets: CompileTarget[] = [];
  for (const file of files) targets.push(...compileTargetsOf(file, await extractFixtures([file])));
  return targets;
}
