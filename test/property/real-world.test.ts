// Extraction never throws on real-world input and stays deterministic: every .py file of the
// machine's Python standard library and every .ts/.d.ts file shipped in the installed npm packages.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeParsers } from '../../src/cli/wasm-node.js';
import { canonicalJson } from '../../src/constraints/canonical.js';
import { ConstraintSet, type Language } from '../../src/constraints/schema.js';
import { extractResolved } from '../../src/extract/extract.js';
import { LIMITS } from '../../src/limits.js';

const ROOT = join(import.meta.dirname, '..', '..');
const utf8 = new TextDecoder('utf-8', { fatal: true });

function walk(directory: string, accept: (name: string) => boolean, found: string[] = []): string[] {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && !entry.isSymbolicLink()) walk(path, accept, found);
    else if (entry.isFile() && accept(entry.name)) found.push(path);
  }
  return found.sort();
}

interface Corpus {
  files: { path: string; content: string }[];
  skipped: string[];
}

function readCorpus(paths: string[], root: string): Corpus {
  const corpus: Corpus = { files: [], skipped: [] };
  for (const path of paths) {
    const bytes = readFileSync(path);
    const name = relative(root, path);
    try {
      if (bytes.byteLength > LIMITS.maxFileBytes) throw new Error('too large');
      corpus.files.push({ path: name, content: utf8.decode(bytes) });
    } catch {
      corpus.skipped.push(name);
    }
  }
  return corpus;
}

function pythonStdlib(): string {
  try {
    return execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('python3 is needed for this test (its standard library is the corpus): install python3');
  }
}

async function checkCorpus(language: Language, corpus: Corpus): Promise<void> {
  const parsers = await nodeParsers();
  const failures: string[] = [];
  let constraints = 0;
  for (const [index, file] of corpus.files.entries()) {
    try {
      const set = extractResolved(parsers, [{ ...file, language }]);
      constraints += set.constraints.length;
      if (index % 25 === 0) {
        ConstraintSet.parse(set);
        expect(canonicalJson(extractResolved(parsers, [{ ...file, language }]))).toBe(canonicalJson(set));
      }
    } catch (error) {
      failures.push(`${file.path}: ${(error as Error).message}`);
    }
  }
  console.log(`${language}: ${corpus.files.length} files, ${constraints} constraints, ${corpus.skipped.length} skipped (not UTF-8 or over the size limit)`);
  expect(failures).toEqual([]);
}

describe('extraction on real-world code', () => {
  it('never throws on the Python standard library and is deterministic', async () => {
    const stdlib = pythonStdlib();
    const corpus = readCorpus(walk(stdlib, (name) => name.endsWith('.py')).filter((path) => !path.includes('site-packages')), stdlib);
    expect(corpus.files.length).toBeGreaterThan(500);
    await checkCorpus('python', corpus);
  }, 600_000);

  it('never throws on the .ts and .d.ts files of installed npm packages and is deterministic', async () => {
    const modules = join(ROOT, 'node_modules');
    const corpus = readCorpus(walk(modules, (name) => /\.[cm]?ts$/.test(name)), modules);
    expect(corpus.files.length).toBeGreaterThan(500);
    await checkCorpus('typescript', corpus);
  }, 600_000);

  it('gives the same set whatever the order of the files', async () => {
    const parsers = await nodeParsers();
    const modules = join(ROOT, 'node_modules', 'hono', 'dist', 'types');
    const files = readCorpus(walk(modules, (name) => name.endsWith('.d.ts')).slice(0, 60), modules).files.map((file) => ({ ...file, language: 'typescript' as const }));
    const forward = canonicalJson(extractResolved(parsers, files));
    expect(canonicalJson(extractResolved(parsers, [...files].reverse()))).toBe(forward);
  });
});
