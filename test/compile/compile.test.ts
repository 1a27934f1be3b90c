import { describe, expect, it } from 'vitest';
import { compileConstraints, prepareCompile } from '../../src/compile/compile.js';
import { canonicalJson } from '../../src/constraints/canonical.js';
import { makeConstraint } from '../../src/constraints/ids.js';
import { AnankeError } from '../../src/errors.js';
import { allowImport, constraintSet, forbid, jsonSchema, naming, pythonFunctionSet, signature, typescriptFunctionSet } from '../helpers/constraint-sets.js';

const requireTry = makeConstraint('require', { match: 'substring', pattern: 'try {', reason: 'wrap the call in try/catch' }, {
  kind: 'semantic', severity: 'warning', priority: 40, confidence: 1, description: 'use try', provenance: { source: 'user' },
});

function errorOf(action: () => unknown): AnankeError {
  try {
    action();
  } catch (error) {
    if (error instanceof AnankeError) return error;
    throw error;
  }
  throw new Error('expected an AnankeError');
}

describe('compileConstraints', () => {
  it('is deterministic: the same set in any order gives byte-identical IR under the same id', () => {
    const set = typescriptFunctionSet();
    const reversed = { ...set, constraints: [...set.constraints].reverse() };
    const first = compileConstraints({ set, shape: 'function' });
    const second = compileConstraints({ set: reversed, shape: 'function' });
    expect(canonicalJson(second)).toBe(canonicalJson(first));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.id).toMatch(/^ir_[0-9a-f]{16}$/);
  });

  it('changes the id when a constraint, the shape or the dialects change', () => {
    const set = typescriptFunctionSet();
    const base = prepareCompile({ set, shape: 'function' }).id;
    expect(prepareCompile({ set: { ...set, constraints: [...set.constraints, requireTry] }, shape: 'function' }).id).not.toBe(base);
    expect(prepareCompile({ set, shape: 'module' }).id).not.toBe(base);
    expect(prepareCompile({ set, shape: 'function', dialects: ['ebnf'] }).id).not.toBe(base);
  });

  it('enforces forbid, naming and the header in the grammar and says what only the validator checks', () => {
    const ir = compileConstraints({ set: { ...typescriptFunctionSet(), constraints: [...typescriptFunctionSet().constraints, requireTry] }, shape: 'function', dialects: ['ebnf'] });
    const byCheck = Object.fromEntries(ir.validators.map((validator) => [`${validator.check}:${validator.constraint_id}`, validator.enforced_at_decode]));
    // A banned identifier is kept at decode time; a banned substring only in code (as the word it
    // needs), so the validator is what holds it inside strings and comments.
    const forbids = typescriptFunctionSet().constraints.filter((constraint) => constraint.type === 'forbid');
    expect(forbids.map((constraint) => [constraint.payload.match, byCheck[`forbid:${constraint.id}`]]).sort()).toEqual([['call', true], ['substring', false]]);
    expect(Object.entries(byCheck).filter(([key]) => key.startsWith('signature:')).map(([, enforced]) => enforced)).toEqual([true]);
    expect(byCheck[`require:${requireTry.id}`]).toBe(false);
    expect(ir.warnings).toContainEqual({ constraint_id: requireTry.id, code: 'not_decodable', message: 'require is enforced by a prompt rule and checked by the validator, not at decode time' });
    expect(ir.prompt_rules).toContain('Include `try {`: wrap the call in try/catch.');
    expect(ir.grammar.ebnf).toContain('export function sumPrices(prices: number[]): number');
    expect(ir.forbidden_strings).toEqual(['eval', 'innerHTML']);
  });

  it('keeps the higher priority of two naming styles and reports both provenances', () => {
    const camel = naming('python', 'function', 'camelCase', 30);
    const set = { ...pythonFunctionSet(), constraints: [...pythonFunctionSet().constraints, camel] };
    const ir = compileConstraints({ set, shape: 'function', dialects: ['ebnf'] });
    expect(ir.resolutions).toHaveLength(1);
    expect(ir.resolutions[0]).toMatchObject({ kind: 'naming', loser: camel.id, provenances: [{ source: 'user' }, { source: 'user' }] });
    expect(ir.constraints.map((constraint) => constraint.id)).not.toContain(camel.id);
    const strict = errorOf(() => compileConstraints({ set, shape: 'function', strict: true }));
    expect(strict.status).toBe(422);
    expect(strict.message).toContain(camel.id);
  });

  it('resolves an import that is both allowed and forbidden in favour of the forbid', () => {
    const allowed = allowImport('typescript', 'child_process');
    const banned = forbid('typescript', 'child_process', 'import', ['child_process']);
    const ir = compileConstraints({ set: constraintSet('typescript', [allowed, banned]), shape: 'module', dialects: ['ebnf'] });
    expect(ir.resolutions).toEqual([expect.objectContaining({ kind: 'import', winner: banned.id, loser: allowed.id })]);
  });

  it('compiles a json shape to a normalised schema, an OpenAI strict schema and a regex', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer' }, status: { enum: ['open', 'shipped'] } }, required: ['id', 'status'], additionalProperties: false };
    const ir = compileConstraints({ set: constraintSet(undefined, [jsonSchema('Order', schema)]), shape: 'json' });
    expect(ir.json_schema).toMatchObject({ type: 'object', required: ['id', 'status'] });
    expect(ir.json_schema_openai).toMatchObject({ required: ['id', 'status'], additionalProperties: false });
    expect(ir.grammar).toEqual({});
    expect(new RegExp(ir.regex!).test('{"id":1,"status":"open"}')).toBe(true);
    expect(new RegExp(ir.regex!).test('{"id":"1","status":"open"}')).toBe(false);
  });

  it('makes optional properties nullable and required for OpenAI, and says when there is no regex', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer' }, note: { type: 'string' } }, required: ['id'], additionalProperties: false };
    const ir = compileConstraints({ set: constraintSet(undefined, [jsonSchema('Note', schema)]), shape: 'json' });
    expect(ir.json_schema_openai).toMatchObject({ required: ['id', 'note'], additionalProperties: false });
    expect(ir.regex).toBeUndefined();
    expect(ir.warnings.map((warning) => warning.code)).toContain('no_regex');
  });

  it('emits a Go grammar that enforces the header and the forbid, and still lists validators', () => {
    const set = constraintSet('go', [signature('Total', 'func Total(prices []float64) float64', [{ name: 'prices', type: '[]float64' }], 'float64'), forbid('go', 'exec', 'substring', ['exec.Command("sh"'])]);
    const ir = compileConstraints({ set, shape: 'function' });
    expect(Object.keys(ir.grammar).sort()).toEqual(['ebnf', 'gbnf', 'lark']);
    expect(ir.grammar.ebnf).toContain('root ::= "func Total(prices []float64) float64"');
    expect(ir.validators.map((validator) => [validator.check, validator.enforced_at_decode]).sort()).toEqual([['forbid', false], ['signature', true], ['syntax', false]]);
  });

  it('names the choices when the target is ambiguous, and asks for prefix and suffix for a hole', () => {
    const set = constraintSet('typescript', [signature('a', 'function a(): void', []), signature('b', 'function b(): void', [])]);
    const ambiguous = errorOf(() => compileConstraints({ set, shape: 'function' }));
    expect(ambiguous.hint).toBe('set "target" to one of: a, b (or a constraint id)');
    const missing = errorOf(() => compileConstraints({ set, shape: 'function', target: 'c' }));
    expect(missing.message).toBe('no signature constraint matches target "c"');
  });

  it('rejects a language-less code shape with a hint', () => {
    const error = errorOf(() => compileConstraints({ set: constraintSet(undefined, [forbid('typescript', 'eval', 'call', ['eval'])]), shape: 'module' }));
    expect(error.hint).toBe('send "language" with the compile request');
  });
});
