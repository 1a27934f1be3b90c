import { Redis } from '@upstash/redis/cloudflare';
import { describe, expect, it } from 'vitest';
import { useRedisFixture } from './redis-fixture.js';

const redis = useRedisFixture();

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${redis.bridge.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${redis.bridge.token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const base64 = { 'Upstash-Encoding': 'base64' };

describe('Upstash REST bridge protocol', () => {
  it('runs one command posted to / and answers { result }', async () => {
    const key = `${redis.nextPrefix()}k`;
    expect(await post('/', ['SET', key, 'v', 'EX', 60])).toEqual({ status: 200, body: { result: 'OK' } });
    expect(await post('/', ['GET', key])).toEqual({ status: 200, body: { result: 'v' } });
    expect(await post('/', ['TTL', key])).toEqual({ status: 200, body: { result: 60 } });
    expect(await post('/', ['GET', `${key}:missing`])).toEqual({ status: 200, body: { result: null } });
  });

  it('base64-encodes every string but the OK status when asked', async () => {
    const key = `${redis.nextPrefix()}k`;
    expect(await post('/', ['SET', key, 'héllo'], base64)).toEqual({ status: 200, body: { result: 'OK' } });
    expect(await post('/', ['GET', key], base64)).toEqual({ status: 200, body: { result: Buffer.from('héllo').toString('base64') } });
    expect(await post('/', ['PING'], base64)).toEqual({ status: 200, body: { result: 'UE9ORw==' } });
    expect(await post('/', ['RPUSH', `${key}:list`, 'a', 'b'], base64)).toEqual({ status: 200, body: { result: 2 } });
    expect(await post('/', ['LRANGE', `${key}:list`, 0, -1], base64)).toEqual({ status: 200, body: { result: ['YQ==', 'Yg=='] } });
  });

  it('answers a Redis error with 400 { error }', async () => {
    const key = `${redis.nextPrefix()}k`;
    await post('/', ['SET', key, 'text']);
    expect(await post('/', ['INCR', key])).toEqual({ status: 400, body: { error: 'ERR value is not an integer or out of range' } });
  });

  it('needs the bearer token (or _token), else 401', async () => {
    const unauthorized = { status: 401, body: { error: 'Unauthorized' } };
    expect(await post('/', ['PING'], { authorization: 'Bearer wrong' })).toEqual(unauthorized);
    expect(await post('/', ['PING'], { authorization: '' })).toEqual(unauthorized);
    const viaQuery = await fetch(`${redis.bridge.url}/?_token=${redis.bridge.token}`, { method: 'POST', body: '["PING"]' });
    expect([viaQuery.status, await viaQuery.json()]).toEqual([200, { result: 'PONG' }]);
  });

  it('runs /pipeline in order with an error in place', async () => {
    const key = `${redis.nextPrefix()}k`;
    const result = await post('/pipeline', [['SET', key, 'text'], ['INCR', key], ['GET', key], ['DEL', key]]);
    expect(result).toEqual({
      status: 200,
      body: [{ result: 'OK' }, { error: 'ERR value is not an integer or out of range' }, { result: 'text' }, { result: 1 }],
    });
  });

  it('runs /multi-exec as one transaction, and refuses a transaction with an unknown command', async () => {
    const key = `${redis.nextPrefix()}k`;
    expect(await post('/multi-exec', [['SET', key, '1'], ['INCR', key], ['GET', key]], base64)).toEqual({
      status: 200,
      body: [{ result: 'OK' }, { result: 2 }, { result: 'Mg==' }],
    });
    const aborted = await post('/multi-exec', [['SET', key, '5'], ['NOSUCHCOMMAND']]);
    expect(aborted.status).toBe(400);
    expect((aborted.body as { error: string }).error).toMatch(/^EXECABORT/);
    expect(await post('/', ['GET', key])).toEqual({ status: 200, body: { result: '2' } });
  });

  it('rejects a body that is not a JSON command array, other paths and other methods', async () => {
    expect(await post('/', 'not json')).toEqual({ status: 400, body: { error: 'ERR failed to parse command: the body is not JSON' } });
    expect((await post('/', { command: 'PING' })).status).toBe(400);
    expect((await post('/', ['SET', 'k', { nested: true }])).status).toBe(400);
    expect((await post('/set/a/b', ['PING'])).status).toBe(404);
    const get = await fetch(redis.bridge.url, { headers: { authorization: `Bearer ${redis.bridge.token}` } });
    expect(get.status).toBe(405);
  });

  it('serves the real @upstash/redis client unchanged (base64, auto-pipelining, JSON values, multi)', async () => {
    const client = new Redis({ url: redis.bridge.url, token: redis.bridge.token, enableTelemetry: false });
    const prefix = redis.nextPrefix();
    await client.set(`${prefix}object`, { rules: ['no eval'], count: 2 });
    expect(await client.get(`${prefix}object`)).toEqual({ rules: ['no eval'], count: 2 });
    // Concurrent calls are batched into one /pipeline request (reads and writes in separate ones).
    const [set, incremented, listLength] = await Promise.all([
      client.set(`${prefix}n`, 41),
      client.incr(`${prefix}counter`),
      client.rpush(`${prefix}list`, 'α', 'β'),
    ]);
    expect([set, incremented, listLength]).toEqual(['OK', 1, 2]);
    expect(await client.lrange(`${prefix}list`, 0, -1)).toEqual(['α', 'β']);
    const transaction = client.multi();
    transaction.incr(`${prefix}n`);
    transaction.get(`${prefix}n`);
    expect(await transaction.exec()).toEqual([42, 42]);
  });
});
