// Cache hit latency: in-memory LRU, Upstash REST through the bridge to a real redis-server,
// layered (memory in front of Upstash, both when memory hits and when only Upstash holds the
// value), and Workers KV in Miniflare reached from Node. Prints p50/p95 and each as a multiple of
// the memory hit; writes bench/results/cache.json.
// Run: npx tsx bench/cache.bench.ts   (needs redis-server: apt-get install -y redis-server)
import { Miniflare } from 'miniflare';
import { Bench } from 'tinybench';
import { KvCache, type KvNamespaceLike } from '../src/cache/kv.js';
import { LayeredCache } from '../src/cache/layered.js';
import { MemoryCache } from '../src/cache/memory.js';
import { UpstashCache } from '../src/cache/upstash.js';
import type { ConstraintCache } from '../src/cache/types.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { startUpstashBridge } from '../test/support/upstash-bridge.js';
import { percentile, taskSamples, writeReport } from './lib/report.js';

const KEY = 'ir_bench_3f9a0c1d';
const silentLogger = { warn: () => undefined };

/** A compiled IR of realistic size (about 6 KB): schema, grammar, rules. */
function compiledIr(): string {
  const properties = Object.fromEntries(
    Array.from({ length: 40 }, (_, index) => [`field_${index}`, { type: index % 2 === 0 ? 'string' : 'integer', description: `Field ${index} of the handler config` }]),
  );
  const rules = Array.from({ length: 60 }, (_, index) => `rule_${index} ::= "fn_${index}(" args ")" ws`);
  return JSON.stringify({
    id: KEY,
    compiler_version: '0.1.0',
    json_schema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
    grammar: { gbnf: rules.join('\n') },
    forbidden_strings: ['eval(', 'exec(', 'pickle.loads('],
    prompt_rules: ['Use snake_case for functions.', 'Raise ValueError on bad input.'],
  });
}

/** Microseconds, to a nanosecond: a memory hit is well under the millisecond report's resolution. */
interface LatencyMicros {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

interface Row {
  name: string;
  latency_us: LatencyMicros;
  ratio_p50_to_memory: number;
}

function summariseMicros(samplesMs: readonly number[]): LatencyMicros {
  const sorted = samplesMs.map((sample) => sample * 1000).sort((a, b) => a - b);
  const round = (micros: number): number => Math.round(micros * 1000) / 1000;
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(sorted.reduce((sum, sample) => sum + sample, 0) / sorted.length),
  };
}

async function assertHit(cache: ConstraintCache, value: string): Promise<void> {
  if ((await cache.get(KEY)) !== value) throw new Error(`${cache.name}: expected a hit on ${KEY}`);
}

const value = compiledIr();
const server = await startRedisServer();
const bridge = await startUpstashBridge({ redisPort: server.port });
const miniflare = new Miniflare({
  modules: true,
  script: 'export default { fetch() { return new Response("ok"); } }',
  compatibilityDate: '2026-04-01',
  kvNamespaces: ['CONSTRAINT_CACHE'],
});
try {
  const keyPrefix = `ananke-bench:${Date.now()}:`;
  const memory = new MemoryCache();
  const upstash = new UpstashCache({ url: bridge.url, token: bridge.token, keyPrefix });
  const layered = new LayeredCache(new MemoryCache(), upstash, { logger: silentLogger });
  const layeredCold = new LayeredCache(new MemoryCache(), upstash, { logger: silentLogger, readTimeoutMs: 1000 });
  const kv = new KvCache((await miniflare.getKVNamespace('CONSTRAINT_CACHE')) as unknown as KvNamespaceLike);
  await memory.set(KEY, value);
  await layered.set(KEY, value);
  await kv.set(KEY, value);
  for (const cache of [memory, upstash, layered, layeredCold, kv]) await assertHit(cache, value);

  const bench = new Bench({ time: 2000, warmup: true, warmupTime: 300, retainSamples: true });
  bench
    .add('memory hit', () => memory.get(KEY))
    .add('layered hit (memory)', () => layered.get(KEY))
    .add('layered hit (upstash, memory miss)', async () => {
      await layeredCold.memory.delete(KEY);
      await layeredCold.get(KEY);
    })
    .add('upstash hit (bridge + redis-server)', () => upstash.get(KEY))
    .add('kv hit (miniflare, from Node)', () => kv.get(KEY));
  await bench.run();

  const summaries = bench.tasks.map((task) => ({ name: task.name, latency_us: summariseMicros(taskSamples(task)) }));
  const memoryP50 = summaries[0]!.latency_us.p50;
  const rows: Row[] = summaries.map((summary) => ({ ...summary, ratio_p50_to_memory: Math.round((summary.latency_us.p50 / memoryP50) * 10) / 10 }));
  for (const row of rows) {
    const { p50, p95 } = row.latency_us;
    console.log(`${row.name.padEnd(38)} p50 ${p50.toFixed(2).padStart(9)} µs  p95 ${p95.toFixed(2).padStart(9)} µs  ${String(row.ratio_p50_to_memory).padStart(7)}x memory`);
  }
  const path = await writeReport('cache', {
    value_bytes: value.length,
    notes: [
      'latency in microseconds per get; ratios are p50 over the memory hit p50',
      'upstash goes over loopback HTTP to the test bridge and RESP to redis-server: real Upstash adds the network round trip',
      'kv is Miniflare reached from Node through its proxy, not a read inside a Worker',
    ],
    results: rows,
  });
  console.log(`wrote ${path}`);
  await Promise.all([upstash.delete(KEY), layered.flush(), layeredCold.flush()]);
} finally {
  await miniflare.dispose();
  await bridge.stop();
  await server.stop();
}
