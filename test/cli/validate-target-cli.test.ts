/**
 * `ananke validate` judges what `ananke generate` judges: the same constraints for the same shape
 * and target (a function against its target signature only; a json value against its target
 * schema with the types it refers to). Run as a user runs them, with the reference engine.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateResponse } from '../../src/constraints/generate-api.js';
import { startReferenceEngine, type ReferenceEngine } from '../../tools/reference-engine/server.js';
import { ananke as runCli } from '../helpers/cli.js';
import { extractFixtures, readFixture } from '../helpers/extract.js';

let directory: string;
let engine: ReferenceEngine;
const env = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INFERENCE_') && !name.startsWith('MODAL_')));
const ananke = (args: string[]) => runCli(args, { cwd: directory, env: env() });

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ananke-validate-'));
  engine = await startReferenceEngine({ port: 0 });
  await writeFile(join(directory, 'go.json'), JSON.stringify(await extractFixtures(['go/handlers.go', 'go/broken.go'])));
  await writeFile(join(directory, 'user.json'), JSON.stringify(await extractFixtures(['typescript/user-schema.ts'])));
  const handlers = readFixture('go/handlers.go');
  const start = handlers.indexOf('func NewHandler(');
  await writeFile(join(directory, 'new-handler.go'), handlers.slice(start, handlers.indexOf('\n}\n', start) + 3));
});

afterAll(async () => {
  await engine.close();
  await rm(directory, { recursive: true, force: true });
});

describe('ananke validate --shape function', () => {
  it('checks the target signature only: the fixture function itself holds, other signatures of the set are not asked for', async () => {
    const result = await ananke(['validate', 'new-handler.go', '--constraints', 'go.json', '--shape', 'function', '--target', 'NewHandler']);
    const report = JSON.parse(result.stdout);
    expect(report.violated.filter((violation: { check: string }) => violation.check === 'signature'), result.stderr).toEqual([]);
    expect(report.satisfied.filter((entry: { check: string }) => entry.check === 'signature')).toHaveLength(1);
  });

  it('asks for --target when the set has several signatures, naming the choices', async () => {
    const result = await ananke(['validate', 'new-handler.go', '--constraints', 'go.json', '--shape', 'function']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could be the function target');
    expect(result.stderr).toContain('NewHandler');
  });

  it('gives the verdict generate gave for the same output and target', async () => {
    const generated = await ananke(['generate', 'make a handler', '--constraints', 'go.json', '--target', 'NewHandler', '--engine-url', engine.url, '--seed', '3', '--attempts', '1', '--json', '-o', 'generated.json']);
    const response = GenerateResponse.parse(JSON.parse(await readFile(join(directory, 'generated.json'), 'utf8')));
    expect([0, 3], generated.stderr).toContain(generated.code);
    await writeFile(join(directory, 'generated.go'), response.code);
    const validated = await ananke(['validate', 'generated.go', '--constraints', 'go.json', '--shape', 'function', '--target', 'NewHandler']);
    const report = JSON.parse(validated.stdout);
    expect(validated.code).toBe(generated.code);
    const ids = (entries: { constraint_id: string }[]) => entries.map((entry) => entry.constraint_id).sort();
    const judged = response.validation!;
    expect(report.all_satisfied).toBe(judged.all_satisfied);
    expect(ids(report.satisfied)).toEqual(ids(judged.satisfied));
    expect(ids(report.violated)).toEqual(ids(judged.violated));
    expect(ids(report.not_checked)).toEqual(ids(judged.not_checked));
  });
});

describe('ananke validate --shape json', () => {
  it('validates a User (which refers to Role and Address) against its schema with their definitions', async () => {
    const user = { id: '6f1c1f6e-3c1a-4f7e-9a51-1d2f3a4b5c6d', email: 'a@b.de', name: 'A', role: 'admin', tags: [], address: null, newsletter: true, createdAt: '2026-01-01T00:00:00Z', kind: 'person' };
    await writeFile(join(directory, 'user.out.json'), JSON.stringify(user));
    await writeFile(join(directory, 'bad-user.out.json'), JSON.stringify({ ...user, role: 'owner' }));
    const good = await ananke(['validate', 'user.out.json', '--constraints', 'user.json', '--shape', 'json', '--target', 'User']);
    expect(good.code, good.stderr).toBe(0);
    const bad = await ananke(['validate', 'bad-user.out.json', '--constraints', 'user.json', '--shape', 'json', '--target', 'User']);
    expect(bad.code, bad.stderr).toBe(3);
    expect(bad.stderr).toContain('/role');
  });
});
