import { beforeAll, describe, expect, it } from 'vitest';
import { compileConstraints } from '../../src/compile/compile.js';
import type { ConstraintSet } from '../../src/constraints/schema.js';
import { validateOutput } from '../../src/validate/validate.js';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import { fixtureSourceFiles } from '../helpers/compile-targets.js';
import { extractFixtures, ofType } from '../helpers/extract.js';

/**
 * Extracted type shapes refer to each other by `#/$defs/<Name>` and carry no `$defs`: the json
 * shape must carry what the target refers to (transitively), or the schema points to nothing.
 */
describe('json shape: type shapes with $ref carry their definitions', () => {
  let user: ConstraintSet;
  let all: ConstraintSet;
  beforeAll(async () => {
    user = await extractFixtures(['typescript/user-schema.ts'], ['types']);
    all = await extractFixtures(fixtureSourceFiles(), ['types']);
  });

  it('compiles User with Role and Address under $defs, and the validator uses the same closed schema', async () => {
    const ir = compileConstraints({ set: user, shape: 'json', target: 'User', dialects: ['json_schema'] });
    const defs = (ir.json_schema as { $defs?: Record<string, unknown> }).$defs ?? {};
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['Role', 'Address']));
    const parsers = await nodeParsers();
    const good = { id: '6f1c1f6e-3c1a-4f7e-9a51-1d2f3a4b5c6d', email: 'a@b.de', name: 'A', role: 'admin', tags: [], address: null, newsletter: true, createdAt: '2026-01-01T00:00:00Z', kind: 'person' };
    const check = (value: unknown) => validateOutput(parsers, { code: JSON.stringify(value), language: 'typescript', shape: 'json' }, ir.constraints);
    expect(check(good).all_satisfied, JSON.stringify(check(good).violated)).toBe(true);
    expect(check({ ...good, role: 'owner' }).all_satisfied).toBe(false);
    expect(check({ ...good, address: { city: 'x' } }).all_satisfied).toBe(false);
  });

  it('carries definitions transitively (UserList -> User -> Role, Address)', () => {
    const ir = compileConstraints({ set: user, shape: 'json', target: 'UserList', dialects: ['json_schema'] });
    expect(Object.keys((ir.json_schema as { $defs: object }).$defs)).toEqual(expect.arrayContaining(['User', 'Role', 'Address']));
  });

  it('compiles every fixture type shape whose references the set defines', () => {
    const failures: string[] = [];
    const shapes = ofType(all, 'type_shape');
    expect(shapes.length).toBeGreaterThan(30);
    for (const shape of shapes) {
      const language = shape.provenance.file?.split('/')[0];
      const set = { ...all, constraints: all.constraints.filter((c) => c.provenance.file?.split('/')[0] === language) };
      try {
        compileConstraints({ set, shape: 'json', target: shape.id, dialects: ['json_schema', 'regex'] });
      } catch (error) {
        const message = (error as Error).message;
        const missing = (error as { details?: { missing_type?: string } }).details?.missing_type ?? /"#\/\$defs\/([^"]+)" points to nothing/.exec(message)?.[1];
        // A type from outside the extracted files (Error, ReactNode, a library class) cannot be carried.
        if (missing && set.constraints.some((c) => c.type === 'type_shape' && c.payload.name === missing)) failures.push(`${shape.provenance.file} ${shape.payload.name}: ${message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('names a referenced type the set does not declare (Error, from the runtime) and what to do', () => {
    const error = (() => {
      try {
        compileConstraints({ set: user, shape: 'json', target: 'UserValidationError', dialects: ['json_schema'] });
      } catch (caught) {
        return caught as Error & { details?: Record<string, unknown>; hint?: string };
      }
      return undefined;
    })();
    expect(error?.message).toContain('it refers to Error, which is not a type shape of this constraint set');
    expect(error?.details).toMatchObject({ missing_type: 'Error' });
  });
});
