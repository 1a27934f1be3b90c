import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { get, post } from './http.js';

it('main.ts prints its URL, serves, applies --fault, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/reference-engine/main.ts', '--port', '0', '--seed', '5', '--fault', 'status=503 times=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const lines = createInterface({ input: child.stdout! });
    const [firstLine] = (await once(lines, 'line')) as [string];
    const match = /^reference engine listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
    expect(match).not.toBeNull();
    const url = match![1]!;
    expect((await get(url, '/health')).json).toEqual({ status: 'ok' });
    expect((await post(url, '/completion', { prompt: 'x' })).status).toBe(503);
    const answer = await post(url, '/completion', { prompt: 'x', grammar: 'root ::= [0-9]{2}' });
    expect(answer.json.content).toMatch(/^[0-9]{2}$/);
    expect(answer.json.generation_settings.seed).toBe(5);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
