import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheLogger } from '../../src/cache/logger.js';
import { cacheDirectory, DiskCache } from '../../src/cli/disk-cache.js';
import { runCacheContract } from './contract.js';

const made: string[] = [];

async function freshDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'ananke-disk-cache-'));
  made.push(directory);
  return directory;
}

afterAll(async () => {
  await Promise.all(made.map((directory) => rm(directory, { recursive: true, force: true })));
});

function manualClock(start = 1_700_000_000_000): { now: () => number; advanceSeconds: (seconds: number) => void } {
  let current = start;
  return { now: () => current, advanceSeconds: (seconds) => (current += seconds * 1000) };
}

function recordingLogger(): CacheLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => messages.push(message) };
}

runCacheContract('disk', async () => {
  const clock = manualClock();
  return { cache: new DiskCache({ directory: await freshDirectory(), now: clock.now }), expiry: { kind: 'clock', advanceSeconds: clock.advanceSeconds } };
});

describe('DiskCache on disk', () => {
  it('keeps entries across instances, as across CLI runs', async () => {
    const directory = await freshDirectory();
    await new DiskCache({ directory }).set('ir:ir_0123456789abcdef', '{"id":"ir_0123456789abcdef"}', { ttlSeconds: 3600 });
    expect(await new DiskCache({ directory }).get('ir:ir_0123456789abcdef')).toBe('{"id":"ir_0123456789abcdef"}');
  });

  it('ignores a corrupt entry with a warning and overwrites it on the next write', async () => {
    const directory = await freshDirectory();
    const logger = recordingLogger();
    const cache = new DiskCache({ directory, logger });
    await cache.set('ir:corrupt', 'the compiled IR');
    const path = cache.pathOf('ir:corrupt');
    const whole = await readFile(path);
    const cases: [string, Buffer | string, RegExp][] = [
      ['truncated', whole.subarray(0, whole.byteLength - 3), /truncated/],
      ['flipped bytes', Buffer.concat([whole.subarray(0, whole.byteLength - 3), Buffer.from('IR!')]), /does not match its sha256/],
      ['garbage', 'not an entry at all', /no header line/],
      ['a bad header', '{"key":\n the compiled IR', /header is not JSON/],
      ['another key', whole.toString('utf8').replace('"ir:corrupt"', '"ir:others"'), /holds another key/],
    ];
    for (const [label, content, reason] of cases) {
      await writeFile(path, content);
      logger.messages.length = 0;
      expect(await cache.get('ir:corrupt'), label).toBeUndefined();
      expect(logger.messages, label).toEqual([expect.stringMatching(reason)]);
      expect(logger.messages[0]).toContain('it is compiled again and overwritten');
    }
    await cache.set('ir:corrupt', 'compiled again');
    expect(await cache.get('ir:corrupt')).toBe('compiled again');
    expect(cache.stats()).toMatchObject({ sets: 2, hits: 1, misses: 5, errors: 5 });
  });

  it('treats an entry it cannot read as a miss, with a warning', async () => {
    const directory = await freshDirectory();
    const logger = recordingLogger();
    const cache = new DiskCache({ directory, logger });
    // A directory where the entry file should be: reading it fails (EISDIR) even as root.
    await mkdir(cache.pathOf('ir:unreadable'), { recursive: true });
    expect(await cache.get('ir:unreadable')).toBeUndefined();
    expect(logger.messages).toEqual([expect.stringMatching(/cannot be read \(EISDIR/)]);
  });

  it('skips a write it cannot make, with a warning, and never throws for it', async () => {
    const directory = await freshDirectory();
    await writeFile(join(directory, 'v1'), 'a file where the entries folder should be');
    const logger = recordingLogger();
    const cache = new DiskCache({ directory, logger });
    await expect(cache.set('ir:nowhere', 'value')).resolves.toBeUndefined();
    expect(logger.messages).toEqual([expect.stringMatching(/^cannot write the compile cache entry .*continuing without caching it$/)]);
    expect(await cache.get('ir:nowhere')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ sets: 1, errors: 1 });
  });

  it('writes atomically: concurrent writers of one key leave one whole entry and no temp files', async () => {
    const directory = await freshDirectory();
    const writers = Array.from({ length: 8 }, () => new DiskCache({ directory }));
    const values = writers.map((_, index) => `value ${index} ${'x'.repeat(200_000)}`);
    await Promise.all(writers.map((cache, index) => cache.set('ir:contended', values[index]!)));
    const read = await new DiskCache({ directory }).get('ir:contended');
    expect(values).toContain(read);
    expect(await readdir(dirname(writers[0]!.pathOf('ir:contended')))).toEqual([writers[0]!.pathOf('ir:contended').split('/').at(-1)]);
  });

  it('prunes expired entries and stale temp files, keeping live ones', async () => {
    const directory = await freshDirectory();
    const clock = manualClock();
    const cache = new DiskCache({ directory, now: clock.now });
    await cache.set('ir:expiring', 'short', { ttlSeconds: 60 });
    await cache.set('ir:kept', 'long', { ttlSeconds: 7 * 24 * 3600 });
    await cache.set('ir:forever', 'forever');
    const stale = `${cache.pathOf('ir:kept')}.123.abc.tmp`;
    await writeFile(stale, 'half a write');
    const past = (clock.now() - 2 * 3600 * 1000) / 1000;
    await utimes(stale, past, past);
    clock.advanceSeconds(120);
    expect(await cache.prune()).toBe(2);
    expect([await cache.get('ir:expiring'), await cache.get('ir:kept'), await cache.get('ir:forever')]).toEqual([undefined, 'long', 'forever']);
  });
});

describe('cacheDirectory', () => {
  it('takes --cache-dir, then ANANKE_CACHE_DIR, then $XDG_CACHE_HOME/ananke, then ~/.cache/ananke; none with --no-cache', () => {
    const env = { ANANKE_CACHE_DIR: '/env/cache', XDG_CACHE_HOME: '/xdg' };
    expect(cacheDirectory({ flag: '/flag', env })).toBe('/flag');
    expect(cacheDirectory({ env })).toBe('/env/cache');
    expect(cacheDirectory({ env: { XDG_CACHE_HOME: '/xdg' } })).toBe('/xdg/ananke');
    expect(cacheDirectory({ env: { XDG_CACHE_HOME: 'relative/path' }, home: '/home/me' })).toBe('/home/me/.cache/ananke');
    expect(cacheDirectory({ env: {} })).toBe(join(homedir(), '.cache', 'ananke'));
    expect(cacheDirectory({ flag: '/flag', disabled: true, env })).toBeUndefined();
  });
});
