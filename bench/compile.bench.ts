// Compile latency for 1, 10 and 100 constraints, and, in the same run, a cache hit of the compiled
// IR in memory, Workers KV (Miniflare, read from Node) and Redis (Upstash protocol through the
// bridge to a real redis-server), each as a ratio to the compile it saves.
// Run: npm run bench:compile   (needs redis-server)   writes bench/results/compile.json
import { Miniflare } from 'miniflare';
import { Bench } from 'tinybench';
import { KvCache, type KvNamespaceLike } from '../src/cache/kv.js';
import { MemoryCache } from '../src/cache/memory.js';
import { UpstashCache } from '../src/cache/upstash.js';
import type { ConstraintCache } from '../src/cache/types.js';
import { compileConstraints } from '../src/compile/compile.js';
import type { Constraint } from '../src/constraints/schema.js';
import { allowImport, constraintSet, forbid, naming, typescriptFunctionSet } from '../test/helpers/constraint-sets.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { startUpstashBridge } from '../test/support/upstash-bridge.js';
import { summarise, taskSamples, writeReport, type LatencySummary } from './lib/report.js';

/** A function shape with `count` constraints: the signature first, then bans, naming, allowed imports. */
function constraintsOf(count: number): Constraint[] {
  const base = [
    ...typescriptFunctionSet().constraints,
    forbid('typescript', 'child_process', 'import', ['child_process', 'node:child_process']),
    forbid('typescript', 'new_function', 'substring', ['new Function(']),
    naming('typescript', 'class', 'PascalCase'),
  ];
  const imports = Array.from({ length: Math.max(0, count - base.length) }, (_, index) => allowImport('typescript', `@acme/module-${index}`));
  return [...base, ...imports].slice(0, count);
}

function compileOf(count: number) {
  const set = constraintSet('typescript', constraintsOf(count));
  return () => compileConstraints({ set, shape: 'function' });
}

const bench = new Bench({ time: 2000, warmup: true, warmupTime: 300, retainSamples: true });
const sizes = [1, 10, 100];
for (const size of sizes) bench.add(`compile ${size}`, compileOf(size));

const server = await startRedisServer();
const bridge = await startUpstashBridge({ redisPort: server.port });
const miniflare = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("ok"); } }', compatibilityDate: '2026-04-01', kvNamespaces: ['CONSTRAINT_CACHE'] });
try {
  const ir = JSON.stringify(compileOf(10)());
  const caches: [string, ConstraintCache][] = [
    ['memory', new MemoryCache()],
    ['kv', new KvCache((await miniflare.getKVNamespace('CONSTRAINT_CACHE')) as unknown as KvNamespaceLike)],
    ['redis', new UpstashCache({ url: bridge.url, token: bridge.token, keyPrefix: `ananke-bench:${Date.now()}:` })],
  ];
  for (const [name, cache] of caches) {
    await cache.set('ir:bench', ir);
    bench.add(`hit ${name}`, async () => {
      if ((await cache.get('ir:bench')) === undefined) throw new Error(`${name} lost the entry`);
    });
  }
  await bench.run();
  const latency = new Map<string, LatencySummary>(bench.tasks.map((task) => [task.name, summarise(taskSamples(task))]));
  const compile10 = latency.get('compile 10')!;
  const hits = caches.map(([name]) => ({ cache: name, ...latency.get(`hit ${name}`)!, compile_10_over_hit_p50: Math.round((compile10.p50 / latency.get(`hit ${name}`)!.p50) * 10) / 10 }));
  for (const size of sizes) {
    const row = latency.get(`compile ${size}`)!;
    console.log(`compile ${String(size).padStart(3)} constraints  p50 ${row.p50.toFixed(3)} ms  p95 ${row.p95.toFixed(3)} ms`);
  }
  for (const hit of hits) console.log(`hit ${hit.cache.padEnd(6)} p50 ${hit.p50.toFixed(4)} ms  p95 ${hit.p95.toFixed(4)} ms  compile(10)/hit = ${hit.compile_10_over_hit_p50}x`);
  const targets = { compile_10_p95_under_5ms: compile10.p95 < 5, memory_hit_50x_faster_than_compile: hits[0]!.compile_10_over_hit_p50 >= 50 };
  console.log('targets', targets);
  console.log('report', await writeReport('compile', { compile: sizes.map((size) => ({ constraints: size, ...latency.get(`compile ${size}`)! })), hits, ir_bytes: ir.length, targets }));
} finally {
  await miniflare.dispose();
  await bridge.stop();
  await server.stop();
}
