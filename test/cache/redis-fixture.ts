/** One redis-server and one Upstash bridge per test file, with a random key prefix removed after. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { UpstashCache, type UpstashCacheOptions } from '../../src/cache/upstash.js';
import { replyText, type RespValue } from '../support/resp.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startUpstashBridge, type UpstashBridge } from '../support/upstash-bridge.js';

export interface RedisFixture {
  readonly server: RedisServer;
  readonly bridge: UpstashBridge;
  /** Every key this file writes starts with this. */
  readonly runPrefix: string;
  /** A fresh prefix under runPrefix, so each test starts from an empty namespace. */
  nextPrefix(): string;
  upstash(options?: Partial<UpstashCacheOptions>): UpstashCache;
  keysUnder(prefix: string): Promise<string[]>;
}

export function useRedisFixture(): RedisFixture {
  let server: RedisServer | undefined;
  let bridge: UpstashBridge | undefined;
  let counter = 0;
  const runPrefix = `ananke-test:${randomUUID()}:`;

  beforeAll(async () => {
    server = await startRedisServer();
    bridge = await startUpstashBridge({ redisPort: server.port });
  });

  afterAll(async () => {
    if (server !== undefined) {
      await deleteKeys(server, await keysUnder(server, runPrefix));
      expect(await keysUnder(server, runPrefix)).toEqual([]);
    }
    await bridge?.stop();
    await server?.stop();
  });

  const fixture: RedisFixture = {
    get server() {
      return required(server, 'redis-server');
    },
    get bridge() {
      return required(bridge, 'Upstash bridge');
    },
    runPrefix,
    nextPrefix: () => `${runPrefix}${(counter += 1)}:`,
    upstash: (options = {}) =>
      new UpstashCache({ url: fixture.bridge.url, token: fixture.bridge.token, keyPrefix: fixture.nextPrefix(), ...options }),
    keysUnder: (prefix) => keysUnder(fixture.server, prefix),
  };
  return fixture;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} did not start: see the beforeAll error above`);
  return value;
}

async function keysUnder(server: RedisServer, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const reply = (await server.client.command('SCAN', cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)) as RespValue[];
    cursor = replyText(reply[0] ?? null) ?? '0';
    for (const key of (reply[1] ?? []) as RespValue[]) keys.push(replyText(key) ?? '');
  } while (cursor !== '0');
  return keys.sort();
}

async function deleteKeys(server: RedisServer, keys: string[]): Promise<void> {
  if (keys.length > 0) await server.client.command('DEL', ...keys);
}
