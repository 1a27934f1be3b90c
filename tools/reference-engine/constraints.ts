/**
 * Reads the constraint fields of vLLM, SGLang and llama.cpp requests into one Constraint.
 * At most one constraint per request, as every one of those servers insists. The legacy vLLM
 * `guided_*` fields are ignored exactly as vLLM >= 0.12 ignores them, and reported as ignored.
 */
import { badRequest } from './errors.js';

export type Constraint =
  | { kind: 'json_schema'; schema: string; anyWhitespace: boolean }
  | { kind: 'json_object' }
  | { kind: 'regex'; pattern: string }
  | { kind: 'grammar'; grammar: string }
  | { kind: 'choice'; choices: string[] }
  | { kind: 'structural_tag'; structuralTag: string };

export interface ConstraintFields {
  constraint?: Constraint;
  /** The request field the constraint came from, e.g. `structured_outputs.regex`. */
  source?: string;
  /** Fields present in the request that the engine deliberately did not act on. */
  ignoredFields: string[];
}

interface Candidate {
  source: string;
  constraint: Constraint;
}

type Body = Record<string, unknown>;

const LEGACY_GUIDED_FIELDS = [
  'guided_json',
  'guided_regex',
  'guided_grammar',
  'guided_choice',
  'guided_json_object',
  'guided_decoding_backend',
  'guided_whitespace_pattern',
];

const STRUCTURED_OUTPUT_KINDS = ['json', 'regex', 'choice', 'grammar', 'json_object', 'structural_tag'] as const;

export const LLAMA_CPP_CONFLICT_MESSAGE = 'Either "json_schema" or "grammar" can be specified, but not both';

export const LARK_MESSAGE =
  'this grammar is Lark (llguidance syntax), which XGrammar cannot enforce: send XGrammar EBNF or GBNF ' +
  '(CompiledIR.grammar.ebnf or .gbnf) to an XGrammar engine, or send Lark to an engine running the llguidance backend';

/** The OpenAI-shaped routes: vLLM, SGLang's extra body fields and llama.cpp's extras together. */
export function openAIConstraint(body: Body): ConstraintFields {
  rejectLlamaCppConflict(body);
  const candidates = [
    ...structuredOutputCandidates(body.structured_outputs),
    ...responseFormatCandidates(body.response_format),
    ...grammarCandidates(body, ['ebnf', 'grammar'], ''),
    ...regexCandidates(body, ''),
    ...jsonSchemaCandidates(body, ''),
  ];
  return single(candidates, legacyFieldsIn(body));
}

/** SGLang native `/generate`: `sampling_params.{json_schema, regex, ebnf}`. */
export function sglangConstraint(body: Body, samplingParams: Body): ConstraintFields {
  const candidates = [
    ...jsonSchemaCandidates(samplingParams, 'sampling_params.'),
    ...regexCandidates(samplingParams, 'sampling_params.'),
    ...grammarCandidates(samplingParams, ['ebnf'], 'sampling_params.'),
  ];
  return single(candidates, [...legacyFieldsIn(body), ...legacyFieldsIn(samplingParams).map((field) => `sampling_params.${field}`)]);
}

/** llama.cpp `/completion`: `grammar` (GBNF) or `json_schema`, never both. */
export function llamaCppConstraint(body: Body): ConstraintFields {
  rejectLlamaCppConflict(body);
  const candidates = [...grammarCandidates(body, ['grammar'], ''), ...jsonSchemaCandidates(body, '')];
  return single(candidates, legacyFieldsIn(body));
}

function rejectLlamaCppConflict(body: Body): void {
  if (isPresent(body.grammar) && isPresent(body.json_schema)) throw badRequest(LLAMA_CPP_CONFLICT_MESSAGE);
}

function single(candidates: Candidate[], ignoredFields: string[]): ConstraintFields {
  if (candidates.length > 1) {
    const sources = candidates.map((candidate) => candidate.source).join(', ');
    throw badRequest(`You can only use one kind of structured outputs constraint but multiple are specified: ${sources}`);
  }
  const chosen = candidates[0];
  return chosen ? { constraint: chosen.constraint, source: chosen.source, ignoredFields } : { ignoredFields };
}

function legacyFieldsIn(body: Body): string[] {
  return LEGACY_GUIDED_FIELDS.filter((field) => isPresent(body[field]));
}

function structuredOutputCandidates(value: unknown): Candidate[] {
  if (!isPresent(value)) return [];
  if (!isObject(value)) throw badRequest('structured_outputs must be an object', 'structured_outputs');
  const anyWhitespace = value.disable_any_whitespace !== true;
  const candidates: Candidate[] = [];
  for (const kind of STRUCTURED_OUTPUT_KINDS) {
    const field = value[kind];
    if (!isPresent(field) || field === false) continue;
    const source = `structured_outputs.${kind}`;
    candidates.push({ source, constraint: structuredOutputConstraint(kind, field, source, anyWhitespace) });
  }
  return candidates;
}

function structuredOutputConstraint(kind: (typeof STRUCTURED_OUTPUT_KINDS)[number], value: unknown, source: string, anyWhitespace: boolean): Constraint {
  switch (kind) {
    case 'json':
      return { kind: 'json_schema', schema: schemaText(value, source), anyWhitespace };
    case 'json_object':
      return { kind: 'json_object' };
    case 'regex':
      return { kind: 'regex', pattern: requireString(value, source) };
    case 'grammar':
      return grammarConstraint(requireString(value, source), source);
    case 'choice':
      return { kind: 'choice', choices: choiceList(value, source) };
    case 'structural_tag':
      return { kind: 'structural_tag', structuralTag: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

function responseFormatCandidates(value: unknown): Candidate[] {
  if (!isPresent(value)) return [];
  if (!isObject(value)) throw badRequest('response_format must be an object', 'response_format');
  switch (value.type) {
    case 'text':
      return [];
    case 'json_object':
      return [{ source: 'response_format.json_object', constraint: { kind: 'json_object' } }];
    case 'json_schema': {
      const wrapper = value.json_schema;
      const schema = isObject(wrapper) ? (wrapper.schema ?? wrapper.schema_) : undefined;
      if (!isPresent(schema)) throw badRequest('response_format.json_schema.schema is required', 'response_format.json_schema.schema');
      const source = 'response_format.json_schema';
      return [{ source, constraint: { kind: 'json_schema', schema: schemaText(schema, `${source}.schema`), anyWhitespace: true } }];
    }
    default:
      throw badRequest(`response_format.type must be "text", "json_object" or "json_schema", got ${JSON.stringify(value.type)}`, 'response_format.type');
  }
}

function grammarCandidates(body: Body, fields: readonly string[], prefix: string): Candidate[] {
  return fields
    .filter((field) => isPresent(body[field]))
    .map((field) => {
      const source = `${prefix}${field}`;
      return { source, constraint: grammarConstraint(requireString(body[field], source), source) };
    });
}

function regexCandidates(body: Body, prefix: string): Candidate[] {
  if (!isPresent(body.regex)) return [];
  const source = `${prefix}regex`;
  return [{ source, constraint: { kind: 'regex', pattern: requireString(body.regex, source) } }];
}

function jsonSchemaCandidates(body: Body, prefix: string): Candidate[] {
  if (!isPresent(body.json_schema)) return [];
  const source = `${prefix}json_schema`;
  return [{ source, constraint: { kind: 'json_schema', schema: schemaText(body.json_schema, source), anyWhitespace: true } }];
}

function grammarConstraint(grammar: string, source: string): Constraint {
  if (looksLikeLark(grammar)) throw badRequest(`${source}: ${LARK_MESSAGE}`, source);
  return { kind: 'grammar', grammar };
}

/**
 * Lark says `name: ...` where EBNF and GBNF say `name ::= ...`; llguidance grammars also start
 * with `%llguidance {}` or use `%import` / `%ignore`.
 */
export function looksLikeLark(grammar: string): boolean {
  const lines = grammar.split('\n').map((line) => line.trim());
  if (lines.some((line) => /^%(llguidance|import|ignore)\b/.test(line))) return true;
  if (grammar.includes('::=')) return false;
  return lines.some((line) => /^[?!]?[A-Za-z_][\w.]*(\.-?\d+)?\s*:/.test(line));
}

/** A JSON Schema given as an object, a boolean, or a JSON string of either. */
function schemaText(value: unknown, source: string): string {
  if (typeof value === 'string') {
    try {
      return schemaText(JSON.parse(value) as unknown, source);
    } catch (error) {
      if (error instanceof SyntaxError) throw badRequest(`${source} is not valid JSON: ${error.message}`, source);
      throw error;
    }
  }
  if (isObject(value) || typeof value === 'boolean') return JSON.stringify(value);
  throw badRequest(`${source} must be a JSON Schema object`, source);
}

function choiceList(value: unknown, source: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((choice) => typeof choice === 'string')) {
    throw badRequest(`${source} must be a non-empty list of strings`, source);
  }
  return value as string[];
}

function requireString(value: unknown, source: string): string {
  if (typeof value !== 'string' || value.length === 0) throw badRequest(`${source} must be a non-empty string`, source);
  return value;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `root ::= "a" | "b"`: the choices as XGrammar EBNF string literals. */
export function choiceGrammar(choices: readonly string[]): string {
  return `root ::= ${choices.map(ebnfStringLiteral).join(' | ')}`;
}

function ebnfStringLiteral(text: string): string {
  let literal = '"';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === '"' || character === '\\') literal += `\\${character}`;
    else if (code < 0x20 || code === 0x7f) literal += `\\x${code.toString(16).padStart(2, '0')}`;
    else literal += character;
  }
  return `${literal}"`;
}
