import type { Hono } from 'hono';
import { lookupInCache, type ConstraintCache, type WaitUntil } from '../cache/index.js';
import { CompiledIR, CompileRequest, type CompileResponse } from '../constraints/compile-api.js';
import { constraintSetId } from '../constraints/ids.js';
import { ConstraintSet } from '../constraints/schema.js';
import { AnankeError } from '../errors.js';
import { createApp } from '../http/app.js';
import { readJsonBody } from '../http/body.js';
import { LIMITS } from '../limits.js';
import { logEvent } from '../telemetry/log.js';
import { COMPILER_VERSION, finishCompile, prepareCompile } from './compile.js';
import { waitUntilOf } from '../http/wait-until.js';

/** Compiled IR and stored sets live this long in the shared cache; both are content-addressed, so stale entries are never wrong. */
export const CACHE_TTL_SECONDS = 7 * 24 * 3600;

/** Cache key of a compiled IR; the generate Worker reads the same keys from the shared cache. */
export const irKey = (id: string): string => `ir:${id}`;
const setKey = (id: string) => `set:${id}`;

async function loadSet(cache: ConstraintCache, id: string): Promise<ConstraintSet> {
  const stored = await cache.get(setKey(id)).catch(() => undefined);
  if (!stored) throw new AnankeError('not_found', `no stored constraint set ${id}`, 'store it with POST /v1/constraint-sets, or send "constraints" instead');
  return ConstraintSet.parse(JSON.parse(stored));
}

async function storeQuietly(cache: ConstraintCache, key: string, value: string, waitUntil: WaitUntil | undefined): Promise<boolean> {
  try {
    await cache.set(key, value, { ttlSeconds: CACHE_TTL_SECONDS, ...(waitUntil ? { waitUntil } : {}) });
    return true;
  } catch (error) {
    logEvent('warn', 'cache_write_failed', { key, message: String((error as Error).message).slice(0, 200) });
    return false;
  }
}

/** The compile service over one cache per isolate (the caller decides which: memory, KV, Upstash, layered). */
export function createCompileApp<E extends object>(cacheOf: (env: E) => ConstraintCache): Hono<{ Bindings: E }> {
  const app = createApp<{ Bindings: E }>('compile');

  app.get('/health', (context) => context.json({ status: 'ok', service: 'compile', compiler_version: COMPILER_VERSION, cache: cacheOf(context.env).name }));

  app.post('/v1/compile', async (context) => {
    const cache = cacheOf(context.env);
    const request = await readJsonBody(context, CompileRequest, LIMITS.maxBodyBytes);
    const set = request.constraints ?? (await loadSet(cache, request.constraint_set_id!));
    const prepared = prepareCompile({ ...request, set });
    const lookup = await lookupInCache(cache, irKey(prepared.id));
    if (lookup.status === 'hit') {
      const ir = CompiledIR.parse(JSON.parse(lookup.value!));
      return context.json({ id: ir.id, ir, warnings: ir.warnings, cache: 'hit' } satisfies CompileResponse);
    }
    const ir = finishCompile(prepared);
    const stored = lookup.status === 'bypass' ? false : await storeQuietly(cache, irKey(ir.id), JSON.stringify(ir), waitUntilOf(context));
    return context.json({ id: ir.id, ir, warnings: ir.warnings, cache: stored ? 'miss' : 'bypass' } satisfies CompileResponse);
  });

  app.get('/v1/compiled/:id', async (context) => {
    const id = context.req.param('id');
    if (!/^ir_[0-9a-f]{16}$/.test(id)) throw new AnankeError('invalid_request', `"${id}" is not an IR id`, 'IR ids look like ir_ followed by 16 hex digits');
    const stored = await cacheOf(context.env).get(irKey(id)).catch(() => undefined);
    if (!stored) throw new AnankeError('not_found', `no compiled IR ${id} in the cache`, 'compile the constraints again with POST /v1/compile: ids are content hashes, so it will come back under the same id');
    return context.json(JSON.parse(stored));
  });

  app.post('/v1/constraint-sets', async (context) => {
    const set = await readJsonBody(context, ConstraintSet, LIMITS.maxBodyBytes);
    const id = constraintSetId(set);
    const stored = await storeQuietly(cacheOf(context.env), setKey(id), JSON.stringify(set), undefined);
    if (!stored) throw new AnankeError('unavailable', 'the constraint cache is unreachable, so the set was not stored', 'retry later, or send the constraints inline with POST /v1/compile');
    return context.json({ id }, 201);
  });

  app.get('/v1/constraint-sets/:id', async (context) => {
    return context.json(await loadSet(cacheOf(context.env), context.req.param('id')));
  });

  return app;
}
