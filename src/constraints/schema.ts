import { z } from 'zod';

export const SCHEMA_VERSION = '1';

export const LANGUAGES = ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const Position = z.object({
  line: z.number().int().min(1).describe('1-based line'),
  column: z.number().int().min(1).describe('1-based column, in UTF-16 code units'),
});
export type Position = z.infer<typeof Position>;

export const Range = z.object({ start: Position, end: Position });
export type Range = z.infer<typeof Range>;

export const Location = z.object({ file: z.string(), range: Range });
export type Location = z.infer<typeof Location>;

export const Evidence = z.object({
  count: z.number().int().min(0).describe('observations considered'),
  conforming: z.number().int().min(0).describe('observations that follow the constraint'),
  examples: z.array(Location).max(5).describe('a few places where it was observed'),
});
export type Evidence = z.infer<typeof Evidence>;

export const Provenance = z.object({
  source: z.enum(['extracted', 'user', 'inferred']),
  file: z.string().optional(),
  range: Range.optional(),
  rule: z.string().optional().describe('query rule that found it, e.g. "typescript/signatures.scm#function"'),
  evidence: Evidence.optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Parameter = z.object({
  name: z.string(),
  type: z.string().optional(),
  default: z.string().optional(),
  optional: z.boolean().default(false),
  rest: z.boolean().default(false),
});
export type Parameter = z.infer<typeof Parameter>;

export const SignaturePayload = z.object({
  name: z.string(),
  kind: z.enum(['function', 'method', 'constructor', 'arrow', 'component']),
  container: z.string().optional().describe('enclosing class, struct, impl or object'),
  parameters: z.array(Parameter),
  returns: z.string().optional(),
  type_parameters: z.array(z.string()).default([]),
  async: z.boolean().default(false),
  exported: z.boolean().default(false),
  decorators: z.array(z.string()).default([]),
  header: z.string().describe('source text of the header, up to the body'),
});
export type SignaturePayload = z.infer<typeof SignaturePayload>;

export const JsonSchemaObject = z.record(z.string(), z.unknown());

export const TypeShapePayload = z.object({
  name: z.string(),
  kind: z.enum([
    'interface', 'type_alias', 'enum', 'union', 'class', 'dataclass', 'pydantic', 'typeddict',
    'struct', 'record', 'zod',
  ]),
  exported: z.boolean().default(false),
  schema: JsonSchemaObject.describe('JSON Schema (2020-12) of the shape'),
});
export type TypeShapePayload = z.infer<typeof TypeShapePayload>;

export const ImportPayload = z.object({
  language: Language.optional(),
  module: z.string(),
  origin: z.enum(['relative', 'package', 'stdlib']),
  names: z.array(z.string()).default([]),
  mode: z.enum(['allow', 'require', 'forbid']).default('allow'),
});
export type ImportPayload = z.infer<typeof ImportPayload>;

/** MixedCaps is Go's camelCase, where the first letter's case says whether a name is exported. */
export const NAMING_STYLES = ['camelCase', 'PascalCase', 'snake_case', 'SCREAMING_SNAKE_CASE', 'kebab-case', 'lowercase', 'MixedCaps'] as const;
export const NamingStyle = z.enum(NAMING_STYLES);
export type NamingStyle = z.infer<typeof NamingStyle>;

export const NAMING_TARGETS = ['function', 'method', 'class', 'type', 'variable', 'constant', 'parameter', 'file', 'test'] as const;
export const NamingTarget = z.enum(NAMING_TARGETS);
export type NamingTarget = z.infer<typeof NamingTarget>;

export const NamingPayload = z.object({
  language: Language.optional(),
  target: NamingTarget,
  style: NamingStyle,
  pattern: z.string().describe('ECMAScript regex every name of the target must match'),
});
export type NamingPayload = z.infer<typeof NamingPayload>;

export const ForbidPayload = z.object({
  language: Language.optional(),
  rule: z.string().describe('stable id of what is banned, e.g. "eval"'),
  match: z.enum(['call', 'identifier', 'substring', 'import', 'regex']),
  patterns: z.array(z.string()).min(1).describe('strings (or regexes for match=regex) that must not appear'),
  reason: z.string(),
});
export type ForbidPayload = z.infer<typeof ForbidPayload>;

export const RequirePayload = z.object({
  match: z.enum(['substring', 'regex']),
  pattern: z.string(),
  reason: z.string(),
});

export const ErrorHandlingPayload = z.object({
  language: Language.optional(),
  habit: z.string().describe('e.g. "await_in_try", "custom_error_class", "result_propagation", "go_err_check"'),
  description: z.string(),
  names: z.array(z.string()).default([]).describe('custom error types seen, when relevant'),
});
export type ErrorHandlingPayload = z.infer<typeof ErrorHandlingPayload>;

export const HolePayload = z.object({
  marker: z.enum(['todo_comment', 'fixme_comment', 'not_implemented', 'todo_macro', 'unimplemented_macro', 'panic_todo', 'ellipsis_body', 'pass_body']),
  file: z.string(),
  range: Range,
  text: z.string(),
  enclosing: SignaturePayload.optional(),
});
export type HolePayload = z.infer<typeof HolePayload>;

export const TestConventionPayload = z.object({
  language: Language.optional(),
  framework: z.string(),
  assertion_style: z.string(),
  file_pattern: z.string().describe('glob that test files follow, e.g. "*.test.ts" or "test_*.py"'),
});
export type TestConventionPayload = z.infer<typeof TestConventionPayload>;

export const JsonSchemaPayload = z.object({ name: z.string().optional(), schema: JsonSchemaObject });
export const RegexPayload = z.object({ pattern: z.string(), flags: z.string().default('') });
export const GrammarPayload = z.object({ dialect: z.enum(['lark', 'gbnf', 'ebnf']), text: z.string(), start: z.string().default('start') });
export const LengthPayload = z.object({ max_lines: z.number().int().positive().optional(), max_chars: z.number().int().positive().optional() });

const base = {
  kind: z.enum(['syntactic', 'type_safety', 'semantic', 'architectural', 'operational', 'security']),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  priority: z.number().int().min(0).max(100),
  confidence: z.number().min(0).max(1),
  description: z.string(),
  provenance: Provenance,
};

const variants = {
  signature: SignaturePayload,
  type_shape: TypeShapePayload,
  naming: NamingPayload,
  import: ImportPayload,
  forbid: ForbidPayload,
  require: RequirePayload,
  error_handling: ErrorHandlingPayload,
  hole: HolePayload,
  json_schema: JsonSchemaPayload,
  regex: RegexPayload,
  grammar: GrammarPayload,
  length: LengthPayload,
  test_convention: TestConventionPayload,
} as const;

export type ConstraintType = keyof typeof variants;
export const CONSTRAINT_TYPES = Object.keys(variants) as ConstraintType[];

function variant<T extends ConstraintType>(type: T) {
  return z.object({ id: z.string().regex(/^c_[0-9a-f]{16}$/), type: z.literal(type), ...base, payload: variants[type] });
}

export const Constraint = z.discriminatedUnion('type', [
  variant('signature'), variant('type_shape'), variant('naming'), variant('import'), variant('forbid'),
  variant('require'), variant('error_handling'), variant('hole'), variant('json_schema'), variant('regex'),
  variant('grammar'), variant('length'), variant('test_convention'),
]);
export type Constraint = z.infer<typeof Constraint>;
export type ConstraintOf<T extends ConstraintType> = Extract<Constraint, { type: T }>;
export type PayloadOf<T extends ConstraintType> = ConstraintOf<T>['payload'];

/** The language a constraint speaks about, when its payload names one. */
export function constraintLanguage(constraint: Constraint): Language | undefined {
  return 'language' in constraint.payload ? constraint.payload.language : undefined;
}

export const ParseError = z.object({
  file: z.string(),
  range: Range,
  kind: z.enum(['error', 'missing']),
  message: z.string(),
});
export type ParseError = z.infer<typeof ParseError>;

export const Finding = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  message: z.string(),
  file: z.string(),
  range: Range,
  snippet: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const FileSummary = z.object({
  path: z.string(),
  language: Language,
  lines: z.number().int().min(0),
  bytes: z.number().int().min(0),
  is_test: z.boolean(),
});
export type FileSummary = z.infer<typeof FileSummary>;

export const ConstraintSet = z.object({
  version: z.literal(SCHEMA_VERSION),
  language: Language.optional(),
  constraints: z.array(Constraint),
  files: z.array(FileSummary).default([]),
  parse_errors: z.array(ParseError).default([]),
  findings: z.array(Finding).default([]),
});
export type ConstraintSet = z.infer<typeof ConstraintSet>;
