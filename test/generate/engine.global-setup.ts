/**
 * vitest globalSetup of the generate-worker project: reference engines on loopback for the generate
 * Worker running inside workerd. Their URLs reach the Worker as bindings in the test config
 * (vitest.workers.config.ts), never through a request. Each engine runs in its own Node process:
 * the workers pool inlines dependencies, which breaks the UMD load of @mlc-ai/web-xgrammar here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Enforces what it is sent. */
    referenceEngineUrl: string;
    /** Answers every generation with a body cut in half. */
    malformedEngineUrl: string;
    /** Answers 200 with unconstrained text, as an engine that ignores its constraint fields does. */
    unconstrainedEngineUrl: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');

function startEngine(fault?: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'tools', 'reference-engine', 'main.ts'), '--port', '0', ...(fault ? ['--fault', fault] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`reference engine exited with ${code} before listening: ${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, process: child });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engines = await Promise.all([startEngine(), startEngine('malformed'), startEngine('ignore-constraints')]);
  const [healthy, malformed, unconstrained] = engines;
  project.provide('referenceEngineUrl', healthy.url);
  project.provide('malformedEngineUrl', malformed.url);
  project.provide('unconstrainedEngineUrl', unconstrained.url);
  return async () => {
    await Promise.all(engines.map((engine) => stop(engine.process)));
  };
}
