import type { Node, Tree } from 'web-tree-sitter';
import type {
  HolePayload, Language, NamingTarget, Range, SignaturePayload, TypeShapePayload, ImportPayload,
} from '../constraints/schema.js';
import type { Concern } from '../constraints/extract-api.js';
import type { QueryRunner } from './query-session.js';

/**
 * Facts are what a language extractor finds in one file, in a shape shared by all languages.
 * The concern modules (src/extract/concerns/) turn facts from many files into constraints.
 * Every fact carries the range it was found at and the query rule that found it.
 */
interface Located {
  range: Range;
  /** "<query dir>/<file>.scm#<pattern name>", e.g. "typescript/signatures.scm#function" */
  rule: string;
}

export interface SignatureFact extends Located { payload: SignaturePayload }
export interface ShapeFact extends Located { payload: TypeShapePayload }
export interface ImportFact extends Located { module: string; origin: ImportPayload['origin']; names: string[] }
export interface DeclarationFact extends Located { name: string; target: NamingTarget }

export const ERROR_HABITS = {
  await_in_try: 'awaited calls are wrapped in try/catch (try/except)',
  custom_error_class: 'errors are modelled as custom error classes',
  throw_custom_error: 'thrown/raised errors are custom error types, not built-in ones',
  result_return: 'fallible functions return Result',
  question_mark_propagation: 'errors are propagated with `?` rather than unwrap()/expect()',
  go_err_check: 'returned errors are checked with `if err != nil`',
  go_err_wrap: 'errors are wrapped with fmt.Errorf("...: %w", err)',
  checked_exceptions: 'methods declare the checked exceptions they throw',
} as const;
export type ErrorHabit = keyof typeof ERROR_HABITS;

export interface ErrorFact extends Located {
  habit: ErrorHabit;
  /** Whether this observation follows the habit (an await outside try is a non-conforming one). */
  conforming: boolean;
  /** Name of the custom error type involved, when there is one. */
  name?: string;
}

export interface SecurityFact extends Located {
  /** Id from SECURITY_RULES (src/extract/security-catalog.ts). */
  id: string;
  snippet: string;
}

export interface TestFact extends Located {
  framework: string;
  assertion_style?: string;
}

export interface HoleFact extends Located {
  marker: HolePayload['marker'];
  text: string;
  enclosing?: SignaturePayload;
}

export interface FileFacts {
  signatures: SignatureFact[];
  shapes: ShapeFact[];
  imports: ImportFact[];
  declarations: DeclarationFact[];
  errors: ErrorFact[];
  security: SecurityFact[];
  tests: TestFact[];
  holes: HoleFact[];
}

export function emptyFacts(): FileFacts {
  return { signatures: [], shapes: [], imports: [], declarations: [], errors: [], security: [], tests: [], holes: [] };
}

export interface FileContext {
  path: string;
  language: Language;
  source: string;
  tree: Tree;
  isTest: boolean;
  concerns: ReadonlySet<Concern>;
  /** Query from src/extract/queries/<dir>/<name>.scm, e.g. query('typescript/signatures'). */
  query(name: string): QueryRunner;
}

export interface LanguageExtractor {
  readonly languages: readonly Language[];
  extract(context: FileContext): FileFacts;
}

export type { Node };
