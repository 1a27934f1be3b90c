import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledIR } from '../../src/constraints/compile-api.js';
import { FIXTURES } from '../helpers/extract.js';
import { ananke as runCli } from '../helpers/cli.js';

function ananke(args: string[], cwd: string) {
  return runCli(args, { cwd });
}

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ananke-compile-'));
  const extracted = await ananke(['extract', join(FIXTURES, 'python', 'orders_api.py'), '-o', 'constraints.json', '-q'], directory);
  expect(extracted.code).toBe(0);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('ananke compile', () => {
  it('compiles extracted constraints into a schema-valid IR', async () => {
    const result = await ananke(['compile', 'constraints.json', '--target', 'load_order', '--dialect', 'ebnf,gbnf'], directory);
    expect(result.code).toBe(0);
    const ir = CompiledIR.parse(JSON.parse(result.stdout));
    expect(ir.grammar.ebnf).toContain('async def load_order(session: AsyncSession, order_id: int) -> Order:');
    expect(result.stderr).toMatch(new RegExp(`^${ir.id}: \\d+ checks, \\d+ warnings, \\d+ conflicts resolved`));
  });

  it('writes one dialect alone with -o', async () => {
    const result = await ananke(['compile', 'constraints.json', '--target', 'load_order', '--dialect', 'gbnf', '-o', 'load-order.gbnf'], directory);
    expect(result.code).toBe(0);
    const text = await readFile(join(directory, 'load-order.gbnf'), 'utf8');
    expect(text.startsWith('root ::= ')).toBe(true);
  });

  it('exits 2 on an unknown shape and 1 on an unusable target, with the stable code', async () => {
    const shape = await ananke(['compile', 'constraints.json', '--shape', 'class'], directory);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain('error [invalid_request]: unknown shape "class"');
    const target = await ananke(['compile', 'constraints.json', '--target', 'nothing_here'], directory);
    expect(target.code).toBe(1);
    expect(target.stderr).toContain('error [unprocessable]: no signature constraint matches target "nothing_here"');
  });

  it('reports a file that is not a constraint set with the failing path', async () => {
    await writeFile(join(directory, 'bad.json'), JSON.stringify({ version: '1', constraints: [{ type: 'forbid' }] }));
    const result = await ananke(['compile', 'bad.json'], directory);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error \[invalid_request\]: constraints\[0\]/);
  });
});
