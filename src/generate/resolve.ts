import type { CacheLookupStatus } from '../cache/index.js';
import { canonicalJson } from '../constraints/canonical.js';
import type { CompiledIR, Dialect, Shape } from '../constraints/compile-api.js';
import type { GenerateRequest, GenerateWarning } from '../constraints/generate-api.js';
import { sha256Hex } from '../constraints/hash.js';
import { constraintSetId } from '../constraints/ids.js';
import type { ConstraintSet } from '../constraints/schema.js';
import { COMPILER_VERSION, finishCompile, prepareCompile } from '../compile/compile.js';
import { AnankeError } from '../errors.js';
import { extract } from '../extract/extract.js';
import type { Parsers } from '../extract/parser.js';
import type { IrStore } from './ir-store.js';

export interface ResolveServices {
  store: IrStore;
  parsers: () => Promise<Parsers>;
  /** What the chosen engine reads; compiling only these is what makes a cold request affordable. */
  dialects: readonly Dialect[];
  now: () => number;
}

/** The IR a request is held to, where it came from, and what producing it cost. */
export interface ResolvedIr {
  ir: CompiledIR;
  shape: Shape;
  source: 'constraints' | 'ir_id' | 'context';
  constraintSetId?: string;
  cache: CacheLookupStatus;
  extract_ms: number;
  compile_ms: number;
  warnings: GenerateWarning[];
}

interface Compiled {
  ir: CompiledIR;
  cache: CacheLookupStatus;
  compile_ms: number;
}

/** Names the IR first (cheap), so a cached one is found before any grammar is built. */
async function compileThroughCache(set: ConstraintSet, request: GenerateRequest, shape: Shape, services: ResolveServices): Promise<Compiled> {
  const started = services.now();
  const prepared = prepareCompile({
    set,
    shape,
    dialects: services.dialects,
    ...(request.language ? { language: request.language } : {}),
    ...(request.target !== undefined ? { target: request.target } : {}),
    ...(request.prefix !== undefined ? { prefix: request.prefix } : {}),
    ...(request.suffix !== undefined ? { suffix: request.suffix } : {}),
  });
  const loaded = await services.store.loadIr(prepared.id);
  if (loaded.ir) return { ir: loaded.ir, cache: 'hit', compile_ms: services.now() - started };
  const ir = finishCompile(prepared);
  const stored = loaded.status !== 'bypass' && (await services.store.storeIr(ir));
  return { ir, cache: stored ? 'miss' : 'bypass', compile_ms: services.now() - started };
}

async function fromConstraints(request: GenerateRequest, set: ConstraintSet, services: ResolveServices): Promise<ResolvedIr> {
  const shape = request.shape ?? 'function';
  const compiled = await compileThroughCache(set, request, shape, services);
  return { ...compiled, shape, source: 'constraints', constraintSetId: constraintSetId(set), extract_ms: 0, warnings: [] };
}

function checkStoredIr(ir: CompiledIR, request: GenerateRequest): GenerateWarning[] {
  if (request.shape !== undefined && request.shape !== ir.shape) {
    throw new AnankeError('unprocessable', `${ir.id} was compiled for the ${ir.shape} shape, not ${request.shape}`, `leave "shape" out, or compile the constraints again with shape "${request.shape}"`);
  }
  if (request.language !== undefined && ir.language !== undefined && request.language !== ir.language) {
    throw new AnankeError('unprocessable', `${ir.id} was compiled for ${ir.language}, not ${request.language}`, `leave "language" out, or compile the constraints again for ${request.language}`);
  }
  if (request.target === undefined) return [];
  return [{ source: 'generate', code: 'target_ignored', message: `"target" is ignored with ir_id: ${ir.id} was compiled for ${ir.target ?? 'no target'}` }];
}

async function fromIrId(request: GenerateRequest, id: string, services: ResolveServices): Promise<ResolvedIr> {
  const started = services.now();
  const loaded = await services.store.loadIr(id);
  if (loaded.status === 'bypass') {
    throw new AnankeError('unavailable', `the constraint cache is unreachable, so ${id} cannot be read`, 'retry later, or send "constraints" instead of "ir_id"', { reason: 'cache_unavailable' });
  }
  if (!loaded.ir) {
    throw new AnankeError('not_found', `no compiled IR ${id} in the cache`, 'compile the constraints with POST /v1/compile (ids are content hashes, it comes back under the same id), or send "constraints" instead');
  }
  const warnings = checkStoredIr(loaded.ir, request);
  return { ir: loaded.ir, shape: loaded.ir.shape, source: 'ir_id', cache: 'hit', extract_ms: 0, compile_ms: services.now() - started, warnings };
}

/** Everything the extraction and the compile of a context depend on, hashed: same files and options, same IR. */
function contextHash(request: GenerateRequest, files: NonNullable<GenerateRequest['context']>['files'], shape: Shape, dialects: readonly Dialect[]): string {
  return sha256Hex(
    canonicalJson({
      compiler_version: COMPILER_VERSION,
      files: files.map((file) => ({ path: file.path, content: file.content, language: file.language ?? null })),
      language: request.language ?? null,
      shape,
      target: request.target ?? null,
      prefix: request.prefix ?? null,
      suffix: request.suffix ?? null,
      dialects: [...dialects].sort(),
    }),
  );
}

async function fromContext(request: GenerateRequest, files: NonNullable<GenerateRequest['context']>['files'], services: ResolveServices): Promise<ResolvedIr> {
  const shape = request.shape ?? 'function';
  const started = services.now();
  const hash = contextHash(request, files, shape, services.dialects);
  const known = await services.store.loadContext(hash);
  const cached = known ? await services.store.loadIr(known.ir_id) : undefined;
  if (known && cached?.ir) {
    return { ir: cached.ir, shape, source: 'context', constraintSetId: known.constraint_set_id, cache: 'hit', extract_ms: services.now() - started, compile_ms: 0, warnings: [] };
  }
  const set = extract(await services.parsers(), { files });
  const extract_ms = services.now() - started;
  const compiled = await compileThroughCache(set, request, shape, services);
  const setId = constraintSetId(set);
  await services.store.storeContext(hash, { ir_id: compiled.ir.id, constraint_set_id: setId });
  return { ...compiled, cache: compiled.cache === 'bypass' ? 'bypass' : 'miss', shape, source: 'context', constraintSetId: setId, extract_ms, warnings: [] };
}

function checkHole(shape: Shape | undefined, request: GenerateRequest): void {
  if (shape === 'hole' && (request.prefix === undefined || request.suffix === undefined)) {
    throw new AnankeError('unprocessable', 'the hole shape needs the code before and after the hole', 'send "prefix" and "suffix" (with ir_id: the ones the IR was compiled with)');
  }
}

/**
 * The compiled IR for a request: inline constraints compiled through the cache, an IR read from
 * the cache by id (404 when absent), or context files extracted and compiled, both cached by
 * the files' content.
 */
export async function resolveIr(request: GenerateRequest, services: ResolveServices): Promise<ResolvedIr> {
  checkHole(request.shape, request);
  if (request.constraints) return fromConstraints(request, request.constraints, services);
  if (request.context) return fromContext(request, request.context.files, services);
  const resolved = await fromIrId(request, request.ir_id!, services);
  checkHole(resolved.shape, request);
  return resolved;
}
