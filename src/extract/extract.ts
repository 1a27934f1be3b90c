import { CONCERNS, type Concern, type ExtractRequest } from '../constraints/extract-api.js';
import { mergeConstraintSets } from '../constraints/merge.js';
import { SCHEMA_VERSION, type Constraint, type ConstraintSet, type FileSummary, type Finding, type ParseError } from '../constraints/schema.js';
import { buildErrorHabits } from './concerns/errors.js';
import { buildHoles } from './concerns/holes.js';
import { buildImports } from './concerns/imports.js';
import { buildNaming } from './concerns/naming.js';
import { buildSecurity } from './concerns/security.js';
import { buildShapes, buildSignatures } from './concerns/declarations.js';
import { buildTestConventions } from './concerns/tests.js';
import type { ConcernBuilder, ExtractedFile } from './concerns/types.js';
import { emptyFacts, type FileContext } from './facts.js';
import { resolveFiles, type ResolvedFile } from './input.js';
import { isTestPath } from './languages.js';
import { extractorFor } from './languages/index.js';
import { collectParseErrors } from './parse-errors.js';
import type { Parsers } from './parser.js';
import { QuerySession } from './query-session.js';

export interface ExtractOptions {
  concerns?: readonly Concern[];
  /** Called after each file; the CLI draws progress with it. */
  onProgress?: (done: number, total: number, path: string) => void;
}

const BUILDERS: Record<Concern, ConcernBuilder> = {
  signatures: buildSignatures,
  types: buildShapes,
  imports: buildImports,
  naming: buildNaming,
  errors: buildErrorHabits,
  security: buildSecurity,
  tests: buildTestConventions,
  holes: buildHoles,
};

export interface ParsedFile {
  extracted: ExtractedFile;
  summary: FileSummary;
  parseErrors: ParseError[];
}

/** Facts, summary and parse errors of one file; the tree is freed before returning. */
export function extractFile(parsers: Parsers, file: ResolvedFile, concerns: ReadonlySet<Concern> = new Set(CONCERNS)): ParsedFile {
  const tree = parsers.parse(file.language, file.content);
  try {
    const isTest = isTestPath(file.path, file.language);
    const queries = new QuerySession(parsers, file.language, tree);
    const context: FileContext = { ...file, source: file.content, tree, isTest, concerns, query: (name: string) => queries.query(name) };
    const facts = extractorFor(file.language)?.extract(context) ?? emptyFacts();
    const lines = file.content.length === 0 ? 0 : file.content.split('\n').length;
    return {
      extracted: { path: file.path, language: file.language, isTest, facts },
      summary: { path: file.path, language: file.language, lines, bytes: new TextEncoder().encode(file.content).length, is_test: isTest },
      parseErrors: collectParseErrors(file.path, tree),
    };
  } finally {
    tree.delete();
  }
}

/** Extracts a constraint set from files whose language is already known. */
export function extractResolved(parsers: Parsers, files: readonly ResolvedFile[], options: ExtractOptions = {}): ConstraintSet {
  const concerns = new Set(options.concerns ?? CONCERNS);
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parsed = ordered.map((file, index) => {
    const result = extractFile(parsers, file, concerns);
    options.onProgress?.(index + 1, ordered.length, file.path);
    return result;
  });
  const extracted = parsed.map((item) => item.extracted);
  const outputs = CONCERNS.filter((concern) => concerns.has(concern)).map((concern) => BUILDERS[concern](extracted));
  const constraints: Constraint[] = outputs.flatMap((output) => output.constraints);
  const findings: Finding[] = outputs.flatMap((output) => output.findings ?? []);
  const languages = new Set(ordered.map((file) => file.language));
  return mergeConstraintSets({
    version: SCHEMA_VERSION,
    ...(languages.size === 1 ? { language: [...languages][0]! } : {}),
    constraints,
    files: parsed.map((item) => item.summary),
    parse_errors: parsed.flatMap((item) => item.parseErrors),
    findings,
  });
}

/** Validates and resolves a request body (already schema-checked), then extracts. */
export function extract(parsers: Parsers, request: ExtractRequest, options: ExtractOptions = {}): ConstraintSet {
  return extractResolved(parsers, resolveFiles(request), { ...options, ...(request.concerns ? { concerns: request.concerns } : {}) });
}
