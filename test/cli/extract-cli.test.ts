import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConstraintSet } from '../../src/constraints/schema.js';
import { walkSources } from '../../src/cli/walk.js';
import { ananke as runCli } from '../helpers/cli.js';

function ananke(args: string[], cwd: string) {
  return runCli(args, { cwd });
}

let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'ananke-cli-'));
  await mkdir(join(project, '.git'));
  const files: Record<string, string> = {
    '.gitignore': 'generated/\n*.gen.ts\n',
    'src/user-service.ts': 'export function findUser(id: string): string {\n  return id;\n}\n',
    'src/skip.gen.ts': 'export const generated = 1;\n',
    'src/nested/.gitignore': 'local.py\n',
    'src/nested/helpers.py': 'def load_user(user_id: int) -> str:\n    return str(user_id)\n',
    'src/nested/local.py': 'x = 1\n',
    'generated/out.ts': 'export const x = 1;\n',
    'node_modules/pkg/index.js': 'module.exports = 1;\n',
    'dist/bundle.js': 'var a = 1;\n',
    'README.md': '# not code\n',
    'assets/logo.py': '',
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(project, path, '..'), { recursive: true });
    await writeFile(join(project, path), content);
  }
  await writeFile(join(project, 'assets/logo.py'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('ananke extract', () => {
  it('walks directories, honouring .gitignore files and default ignores', async () => {
    const files = await walkSources(project);
    expect(files.map((file) => file.path)).toEqual(['assets/logo.py', 'src/nested/helpers.py', 'src/user-service.ts']);
  });

  it('prints a schema-valid constraint set, skipping binary files with a warning', async () => {
    const result = await ananke(['extract', '.'], project);
    expect(result.code).toBe(0);
    const set = ConstraintSet.parse(JSON.parse(result.stdout));
    expect(set.files.map((file) => [file.path, file.language])).toEqual([
      ['src/nested/helpers.py', 'python'],
      ['src/user-service.ts', 'typescript'],
    ]);
    expect(result.stderr).toContain('warning: skipped assets/logo.py: "assets/logo.py" contains NUL bytes');
    expect(result.stderr).toMatch(/\d+ constraints from 2 files/);
  });

  it('writes to a file with -o and is deterministic', async () => {
    await ananke(['extract', 'src', '-o', 'a.json', '-q'], project);
    await ananke(['extract', 'src', '-o', 'b.json', '-q'], project);
    const [a, b] = await Promise.all([readFile(join(project, 'a.json'), 'utf8'), readFile(join(project, 'b.json'), 'utf8')]);
    expect(a).toBe(b);
    expect(JSON.parse(a).files).toHaveLength(2);
  });

  it('fails with a stable code for an explicit binary file, a missing path and an unknown language', async () => {
    const binary = await ananke(['extract', 'assets/logo.py'], project);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain('error [binary_content]');
    const missing = await ananke(['extract', 'nope'], project);
    expect(missing.stderr).toContain('error [not_found]');
    const language = await ananke(['extract', 'src', '--language', 'cobol'], project);
    expect(language.stderr).toMatch(/error \[unsupported_language\]: language "cobol" is not supported\nhint: use one of: typescript, tsx/);
  });

  it('exits 2 on bad usage', async () => {
    expect((await ananke(['extract'], project)).code).toBe(2);
    expect((await ananke(['extract', '--bogus', 'src'], project)).code).toBe(2);
    expect((await ananke(['frobnicate'], project)).code).toBe(2);
  });
});
