/**
 * The compile cache as `ananke compile` and `ananke generate` use it: the disk cache in the user's
 * cache directory (or a memory cache with --no-cache), behind the same IrStore and keys
 * (`ir:<id>`) as the Workers, with progress reported on stderr.
 */
import { MemoryCache, type CacheLookupStatus } from '../cache/index.js';
import type { CompiledIR } from '../constraints/compile-api.js';
import { finishCompile, prepareCompile, type CompileInput } from '../compile/compile.js';
import { IrMemo, IrStore, type ContextEntry } from '../generate/ir-store.js';
import { cacheDirectory, DiskCache, stderrCacheLogger } from './disk-cache.js';
import { StatusReporter } from './progress.js';

/** parseArgs options shared by compile and generate. */
export const CACHE_AND_PROGRESS_OPTIONS = {
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  progress: { type: 'boolean', default: false },
  'no-progress': { type: 'boolean', default: false },
} as const;

const CACHE_AND_PROGRESS_HELP: [string, string[]][] = [
  ['--cache-dir', ['the compile cache folder (default: ANANKE_CACHE_DIR, else $XDG_CACHE_HOME/ananke,', 'else ~/.cache/ananke); compiled IR is kept there under its content hash']],
  ['--no-cache', ['neither read nor write the compile cache']],
  ['--progress', ['report progress on stderr even when it is not a terminal']],
  ['--no-progress', ['never report progress (by default: only when stderr is a terminal)']],
];

/** The usage lines of those options, with descriptions from column `column` as in the command's own usage. */
export function cacheAndProgressUsage(column: number): string {
  return CACHE_AND_PROGRESS_HELP.flatMap(([flag, lines]) => {
    const head = `      ${flag}`;
    const indented = lines.map((line) => `${' '.repeat(column)}${line}`);
    // A flag too long for the column gets a line of its own.
    return head.length < column - 1 ? [`${head.padEnd(column)}${lines[0]}`, ...indented.slice(1)] : [head, ...indented];
  }).join('\n');
}

type Values = Record<string, string | boolean | string[] | undefined>;

export function statusFrom(values: Values): StatusReporter {
  return new StatusReporter({ force: values.progress === true, off: values['no-progress'] === true });
}

/**
 * An IrStore that says what it is doing: a lookup that misses is followed by a compile (or by an
 * extraction, for a context), so that is when the phase is announced.
 */
export class ReportingIrStore extends IrStore {
  constructor(
    cache: ConstructorParameters<typeof IrStore>[0],
    private readonly status: StatusReporter,
    /** Where entries are kept, for the messages; undefined with --no-cache. */
    readonly directory: string | undefined,
  ) {
    super(cache, new IrMemo());
  }

  override async loadIr(id: string): Promise<{ ir?: CompiledIR; status: CacheLookupStatus }> {
    const loaded = await super.loadIr(id);
    if (!loaded.ir) this.status.phase(this.directory ? `compiling ${id} (cache miss)...` : `compiling ${id} (cache off)...`);
    return loaded;
  }

  override async loadContext(hash: string): Promise<ContextEntry | undefined> {
    const known = await super.loadContext(hash);
    if (!known) this.status.phase('extracting the context (cache miss)...');
    return known;
  }
}

/** The cache the flags ask for, and the store over it. */
export function openCompileStore(values: Values, status: StatusReporter): ReportingIrStore {
  const directory = cacheDirectory({ flag: values['cache-dir'] as string | undefined, disabled: values['no-cache'] === true });
  const cache = directory ? new DiskCache({ directory, logger: stderrCacheLogger }) : new MemoryCache();
  return new ReportingIrStore(cache, status, directory);
}

/** What a compile through the cache reports: the `cache` status is the Workers' (hit, miss, bypass). */
export interface CachedCompile {
  ir: CompiledIR;
  cache: CacheLookupStatus;
  compile_ms: number;
}

/** Names the IR (cheap), reads it from the cache, and builds and stores it only on a miss. */
export async function compileThroughStore(input: CompileInput, store: IrStore): Promise<CachedCompile> {
  const started = performance.now();
  const prepared = prepareCompile(input);
  const loaded = await store.loadIr(prepared.id);
  if (loaded.ir) return { ir: loaded.ir, cache: 'hit', compile_ms: performance.now() - started };
  const ir = finishCompile(prepared);
  const stored = loaded.status !== 'bypass' && (await store.storeIr(ir));
  return { ir, cache: stored ? 'miss' : 'bypass', compile_ms: performance.now() - started };
}

/** The one line that says how the IR was had: "compile cache hit: ir_... (3.1 ms)" or "compiled ir_... in 5234 ms (cache miss)". */
export function describeCompile(id: string, cache: CacheLookupStatus, compileMs: number, directory: string | undefined): string {
  const ms = compileMs < 10 ? compileMs.toFixed(1) : Math.round(compileMs).toString();
  if (cache === 'hit') return `compile cache hit: ${id} (${ms} ms)`;
  if (!directory) return `compiled ${id} in ${ms} ms (cache off)`;
  return `compiled ${id} in ${ms} ms (cache ${cache === 'miss' ? `miss, stored in ${directory}` : 'unavailable'})`;
}
