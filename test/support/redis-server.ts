/**
 * Starts a throwaway `redis-server` on a free loopback port (no persistence) and stops it.
 * Tests that need it fail, rather than skip, when redis-server is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { RespClient, replyText } from './resp.js';

export const REDIS_INSTALL_HINT = 'redis-server is not on PATH: run `apt-get install -y redis-server` (CI needs the same step before the tests).';

export interface RedisServer {
  port: number;
  /** A connection for test setup and inspection (TTL, SCAN, DEL). */
  client: RespClient;
  stop(): Promise<void>;
}

export function findOnPath(program: string): string | undefined {
  for (const directory of (process.env['PATH'] ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const STARTUP_TIMEOUT_MS = 10_000;

export async function startRedisServer(): Promise<RedisServer> {
  const executable = findOnPath('redis-server');
  if (executable === undefined) throw new Error(REDIS_INSTALL_HINT);
  // The free port can be taken between the probe and the bind: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(executable, await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(executable: string, port: number): Promise<RedisServer> {
  const child = spawn(executable, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before answering PING:\n${output.slice(-2000)}`)));
    child.once('error', reject);
  });
  exited.catch(() => undefined);
  try {
    const client = await Promise.race([waitForPing(port, child), exited]);
    return { port, client, stop: () => stopRedis(child, client) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function waitForPing(port: number, child: ChildProcess): Promise<RespClient> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (child.exitCode === null) {
    try {
      const client = await RespClient.connect(port);
      if (replyText(await client.command('PING')) === 'PONG') return client;
      await client.close();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${STARTUP_TIMEOUT_MS} ms: ${String(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server exited with code ${child.exitCode}`);
}

async function stopRedis(child: ChildProcess, client: RespClient): Promise<void> {
  await client.close();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(forced);
}
