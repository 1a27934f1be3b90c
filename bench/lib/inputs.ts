import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface BenchInput {
  path: string;
  lines: number;
  content: string;
}

function walk(directory: string, accept: (path: string) => boolean, found: string[] = []): string[] {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, accept, found);
    else if (entry.isFile() && accept(path)) found.push(path);
  }
  return found;
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** The file whose line count is closest to `target` (ties: first by path), read as text. */
function closest(paths: readonly string[], target: number, root: string): BenchInput {
  let best: BenchInput | undefined;
  for (const path of [...paths].sort()) {
    const content = readFileSync(path, 'utf8');
    const lines = lineCount(content);
    if (!best || Math.abs(lines - target) < Math.abs(best.lines - target)) best = { path: relative(root, path), lines, content };
  }
  if (!best) throw new Error(`no candidate files under ${root}`);
  return best;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** Real TypeScript from the packages pinned in package-lock.json (not declaration files). */
export function typescriptInput(targetLines: number): BenchInput {
  const candidates = walk(join(ROOT, 'node_modules'), (path) => path.endsWith('.ts') && !/\.d\.[cm]?ts$/.test(path));
  return closest(candidates, targetLines, ROOT);
}

export function pythonStdlib(): string {
  return execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}

/** Real Python from the standard library of the machine's python3 (outside site-packages). */
export function pythonInput(targetLines: number): BenchInput {
  const stdlib = pythonStdlib();
  const candidates = walk(stdlib, (path) => path.endsWith('.py') && !path.includes('site-packages'));
  const utf8 = candidates.filter((path) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
      return true;
    } catch {
      return false;
    }
  });
  const input = closest(utf8, targetLines, stdlib);
  return { ...input, path: `<python stdlib>/${input.path}` };
}
