import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'ananke.mjs');

/** The compile cache of CLI runs in tests: one temp folder per test file, never the user's ~/.cache/ananke. */
let testCacheDir: string | undefined;
function cacheDirForTests(): string {
  if (!testCacheDir) {
    const made = mkdtempSync(join(tmpdir(), 'ananke-cli-cache-'));
    testCacheDir = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return testCacheDir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `ananke <args>` as a user would (bin/ananke.mjs in a child Node) and returns its exit code and
 * output. The compile cache is a temp folder unless the environment names one (ANANKE_CACHE_DIR).
 */
export async function ananke(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const base = options.env ?? process.env;
  const env = base['ANANKE_CACHE_DIR'] ? base : { ...base, ANANKE_CACHE_DIR: cacheDirForTests() };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as CliResult;
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}
