// Small hand-written constraint sets for compile/generate tests; no Node APIs, so workerd tests use them too.
import { makeConstraint } from '../../src/constraints/ids.js';
import { SCHEMA_VERSION, type Constraint, type ConstraintSet, type Language } from '../../src/constraints/schema.js';
import { STYLE_PATTERNS } from '../../src/extract/concerns/naming.js';

const user = { source: 'user' as const };

export function signature(name: string, header: string, parameters: { name: string; type?: string }[], returns?: string, async = false): Constraint {
  return makeConstraint('signature', {
    name, kind: 'function', parameters: parameters.map((parameter) => ({ ...parameter, optional: false, rest: false })),
    ...(returns ? { returns } : {}), type_parameters: [], async, exported: true, decorators: [], header,
  }, { kind: 'type_safety', severity: 'error', priority: 80, confidence: 1, description: `keep ${header}`, provenance: user });
}

export function forbid(language: Language, rule: string, match: 'call' | 'identifier' | 'substring' | 'import' | 'regex', patterns: string[], priority = 90): Constraint {
  return makeConstraint('forbid', { language, rule, match, patterns, reason: `${rule} is banned` }, {
    kind: 'security', severity: 'error', priority, confidence: 1, description: `no ${rule}`, provenance: user,
  });
}

export function naming(language: Language, target: 'function' | 'variable' | 'class', style: 'camelCase' | 'snake_case' | 'PascalCase', priority = 50): Constraint {
  return makeConstraint('naming', { language, target, style, pattern: STYLE_PATTERNS[style] }, {
    kind: 'syntactic', severity: 'warning', priority, confidence: 1, description: `${target}s are ${style}`, provenance: user,
  });
}

export function allowImport(language: Language, module: string, origin: 'package' | 'relative' | 'stdlib' = 'package'): Constraint {
  return makeConstraint('import', { language, module, origin, names: [], mode: 'allow' }, {
    kind: 'architectural', severity: 'info', priority: 50, confidence: 1, description: `uses ${module}`, provenance: user,
  });
}

export function jsonSchema(name: string, schema: Record<string, unknown>): Constraint {
  return makeConstraint('json_schema', { name, schema }, { kind: 'type_safety', severity: 'error', priority: 80, confidence: 1, description: `matches ${name}`, provenance: user });
}

export function constraintSet(language: Language | undefined, constraints: Constraint[]): ConstraintSet {
  return { version: SCHEMA_VERSION, ...(language ? { language } : {}), constraints, files: [], parse_errors: [], findings: [] };
}

/** A TypeScript function under a signature, with eval banned, camelCase names and one allowed import. */
export function typescriptFunctionSet(): ConstraintSet {
  return constraintSet('typescript', [
    signature('sumPrices', 'export function sumPrices(prices: number[]): number', [{ name: 'prices', type: 'number[]' }], 'number'),
    forbid('typescript', 'eval', 'call', ['eval']),
    forbid('typescript', 'inner_html', 'substring', ['innerHTML']),
    naming('typescript', 'variable', 'camelCase'),
    naming('typescript', 'function', 'camelCase'),
  ]);
}

/** A Python function under a signature, with eval and shell=True banned and snake_case names. */
export function pythonFunctionSet(): ConstraintSet {
  return constraintSet('python', [
    signature('total_price', 'def total_price(prices: list[float]) -> float:', [{ name: 'prices', type: 'list[float]' }], 'float'),
    forbid('python', 'eval', 'call', ['eval']),
    forbid('python', 'subprocess_shell', 'substring', ['shell=True']),
    naming('python', 'variable', 'snake_case'),
    naming('python', 'function', 'snake_case'),
  ]);
}
