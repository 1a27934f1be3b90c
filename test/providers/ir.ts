/** Compiled IR as the compile stage hands it to generate, checked against the wire schema. */
import { CompiledIR } from '../../src/constraints/compile-api.js';

export const LARK = 'start: "def parse_config(path: str) -> Config:" NEWLINE body\nbody: /    [^\\n]+\\n?/+\nNEWLINE: "\\n"';
export const GBNF = 'root ::= "def parse_config(path: str) -> Config:\\n" body\nbody ::= ("    " [^\\n]+ "\\n"?)+';
export const EBNF = 'root ::= "def parse_config(path: str) -> Config:\\n" body\nbody ::= ("    " [^\\n]+ "\\n"?)+';
export const REGEX = 'def parse_config\\(path: str\\) -> Config:\\n(    .+\\n?)+';

export const PROMPT_RULES = ['Keep the signature `def parse_config(path: str) -> Config`.', 'Never use `eval`: it runs arbitrary code.'];

const BASE = {
  id: 'ir_0123456789abcdef',
  compiler_version: '0.1.0',
  forbidden_strings: ['eval('],
  validators: [],
  resolutions: [],
  warnings: [],
  unsupported: [],
  constraints: [],
};

/** Function shape: the grammar in all three dialects, plus a regex. */
export const FUNCTION_IR: CompiledIR = CompiledIR.parse({
  ...BASE,
  shape: 'function',
  language: 'python',
  target: 'parse_config',
  grammar: { lark: LARK, gbnf: GBNF, ebnf: EBNF },
  regex: REGEX,
  prompt_rules: PROMPT_RULES,
});

export const JSON_SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string' }, retries: { type: 'integer', minimum: 0 } },
  required: ['name'],
  additionalProperties: false,
};

export const JSON_SCHEMA_OPENAI = {
  type: 'object',
  properties: { name: { type: 'string' }, retries: { type: ['integer', 'null'] } },
  required: ['name', 'retries'],
  additionalProperties: false,
};

/** JSON shape: the portable schema and its OpenAI strict-mode variant. */
export const JSON_IR: CompiledIR = CompiledIR.parse({
  ...BASE,
  id: 'ir_fedcba9876543210',
  shape: 'json',
  target: 'RetryPolicy',
  json_schema: JSON_SCHEMA,
  json_schema_openai: JSON_SCHEMA_OPENAI,
  grammar: {},
  prompt_rules: ['Use the type RetryPolicy as declared; do not redefine it.'],
});

/** Nothing decodable: only prompt rules. */
export const BARE_IR: CompiledIR = CompiledIR.parse({ ...BASE, shape: 'module', language: 'python', grammar: {}, prompt_rules: PROMPT_RULES });

export function irWith(overrides: Partial<CompiledIR>): CompiledIR {
  return CompiledIR.parse({ ...FUNCTION_IR, ...overrides });
}

export const MESSAGES = [
  { role: 'system' as const, content: 'Write one python function for `parse_config`.' },
  { role: 'user' as const, content: 'Load the config file at path.' },
];

export const CODE = 'def parse_config(path: str) -> Config:\n    return Config.load(path)';
