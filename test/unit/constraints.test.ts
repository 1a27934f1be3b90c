import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, constraintId, makeConstraint, mergeConstraintSets, sha256Hex, Constraint, ConstraintSet, SCHEMA_VERSION } from '../../src/constraints/index.js';

describe('sha256Hex', () => {
  it.each(['', 'abc', 'hello wörld 😀', 'x'.repeat(1000), 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64)])('matches node:crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":2,"z":1}]},"b":1}');
  });
  it('rejects non-finite numbers instead of writing null', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

const naming = (style: 'camelCase' | 'snake_case', priority: number, confidence = 1) =>
  makeConstraint('naming', { target: 'function', style, pattern: style === 'camelCase' ? '^[a-z][a-zA-Z0-9]*$' : '^[a-z_]+$' }, {
    kind: 'syntactic', severity: 'warning', priority, confidence, description: `functions are ${style}`, provenance: { source: 'user' },
  });

describe('constraint ids', () => {
  it('depend on type and payload only, not on key order or metadata', () => {
    expect(constraintId('naming', { b: 1, a: 2 })).toBe(constraintId('naming', { a: 2, b: 1 }));
    expect(naming('camelCase', 10).id).toBe(naming('camelCase', 90).id);
    expect(naming('camelCase', 10).id).not.toBe(naming('snake_case', 10).id);
    expect(constraintId('regex', { pattern: 'a' })).not.toBe(constraintId('require', { pattern: 'a' }));
  });
  it('are valid under the wire schema', () => {
    expect(Constraint.parse(naming('camelCase', 10))).toMatchObject({ id: expect.stringMatching(/^c_[0-9a-f]{16}$/) });
  });
});

describe('mergeConstraintSets', () => {
  const set = (constraints: Constraint[], path: string): ConstraintSet => ({
    version: SCHEMA_VERSION, constraints, parse_errors: [], findings: [],
    files: [{ path, language: 'typescript', lines: 1, bytes: 1, is_test: false }],
  });

  it('keeps one constraint per id, the higher priority one, and unions files', () => {
    const merged = mergeConstraintSets(set([naming('camelCase', 10)], 'b.ts'), set([naming('camelCase', 70), naming('snake_case', 5)], 'a.ts'));
    expect(merged.constraints).toHaveLength(2);
    expect(merged.constraints.find((c) => c.payload && 'style' in c.payload && c.payload.style === 'camelCase')?.priority).toBe(70);
    expect(merged.files.map((file) => file.path)).toEqual(['a.ts', 'b.ts']);
  });

  it('is independent of the order of its inputs', () => {
    const a = set([naming('camelCase', 10), naming('snake_case', 5)], 'a.ts');
    const b = set([naming('camelCase', 10, 0.5)], 'b.ts');
    expect(canonicalJson(mergeConstraintSets(a, b))).toBe(canonicalJson(mergeConstraintSets(b, a)));
  });
});
