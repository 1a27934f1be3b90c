import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { AnankeError } from '../errors.js';
import { languageFromPath } from '../extract/languages.js';

/** Folders that never hold a codebase's own conventions. */
export const DEFAULT_IGNORES = ['node_modules/', '.git/', 'dist/', 'build/', 'out/', 'coverage/', 'target/', 'vendor/', '.venv/', 'venv/', '__pycache__/', '.next/', '.wrangler/', '*.min.js', '*.d.ts.map'];

export interface WalkedFile {
  path: string;
  absolutePath: string;
}

async function gitignoreOf(directory: string): Promise<string[]> {
  const text = await readFile(join(directory, '.gitignore'), 'utf8').catch(() => '');
  return text.split('\n');
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Folders from the enclosing git work tree's top down to `root`'s parent ([] outside a work tree). */
async function ancestorsInWorkTree(root: string): Promise<string[]> {
  const ancestors: string[] = [];
  for (let directory = dirname(resolve(root)); ; directory = dirname(directory)) {
    ancestors.unshift(directory);
    if (await stat(join(directory, '.git')).catch(() => undefined)) return ancestors;
    if (dirname(directory) === directory) return [];
  }
}

async function ignoreRulesAbove(root: string): Promise<{ base: string; matcher: Ignore }[]> {
  const directories = await ancestorsInWorkTree(root);
  return Promise.all(directories.map(async (base) => ({ base, matcher: ignore().add(await gitignoreOf(base)) })));
}

/**
 * Source files under `root` with a supported extension, skipping DEFAULT_IGNORES and every
 * `.gitignore` from the git work tree's top down (patterns relative to the folder that holds them).
 * Sorted by path.
 */
export async function walkSources(root: string): Promise<WalkedFile[]> {
  const found: WalkedFile[] = [];
  const visit = async (directory: string, rules: { base: string; matcher: Ignore }[]): Promise<void> => {
    const local = { base: directory, matcher: ignore().add(await gitignoreOf(directory)) };
    const active = [...rules, local];
    const entries = (await readdir(directory, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const absolutePath = join(directory, entry.name);
      const ignored = active.some(({ base, matcher }) => {
        const path = toPosix(relative(base, absolutePath));
        return matcher.ignores(entry.isDirectory() ? `${path}/` : path);
      });
      if (ignored) continue;
      if (entry.isDirectory()) await visit(absolutePath, active);
      else if (entry.isFile() && languageFromPath(entry.name)) found.push({ path: toPosix(relative(resolve(root), absolutePath)), absolutePath });
    }
  };
  const inherited = await ignoreRulesAbove(root);
  await visit(resolve(root), [{ base: resolve(root), matcher: ignore().add(DEFAULT_IGNORES) }, ...inherited]);
  return found;
}

/** Expands paths given on the command line: files as they are, directories walked. */
export async function expandPaths(paths: string[]): Promise<WalkedFile[]> {
  const files: WalkedFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new AnankeError('not_found', `no such file or directory: ${path}`, 'check the path; directories are walked for supported source files');
    if (info.isDirectory()) {
      for (const file of await walkSources(path)) files.push({ ...file, path: toPosix(join(path, file.path)) });
    } else files.push({ path: toPosix(join(path)), absolutePath: path });
  }
  return files;
}
