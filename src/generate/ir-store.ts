import { lookupInCache, type CacheLookupStatus, type ConstraintCache, type WaitUntil } from '../cache/index.js';
import { CompiledIR } from '../constraints/compile-api.js';
import { CACHE_TTL_SECONDS, irKey } from '../compile/routes.js';
import { logEvent } from '../telemetry/log.js';

/** Extraction results for a context: which IR (and constraint set) a given set of files compiles to. */
export const contextKey = (hash: string): string => `ctx:${hash}`;

/**
 * Parsed IRs kept per isolate: parsing a large IR's JSON costs more than the rest of a warm
 * request. An IR compiled from a 500-line context is about 0.6 MB, so 16 stay well inside 128 MB.
 */
export const IR_MEMO_ENTRIES = 16;

export interface ContextEntry {
  ir_id: string;
  constraint_set_id: string;
}

export class IrMemo {
  private readonly entries = new Map<string, CompiledIR>();

  constructor(private readonly capacity: number = IR_MEMO_ENTRIES) {}

  get(id: string): CompiledIR | undefined {
    const ir = this.entries.get(id);
    if (ir) {
      this.entries.delete(id);
      this.entries.set(id, ir);
    }
    return ir;
  }

  set(ir: CompiledIR): void {
    this.entries.delete(ir.id);
    this.entries.set(ir.id, ir);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The shared cache as generate uses it: IR by id, context hashes to IR ids; reads and writes never fail a request. */
export class IrStore {
  constructor(
    private readonly cache: ConstraintCache,
    private readonly memo: IrMemo,
    private readonly waitUntil?: WaitUntil,
  ) {}

  async loadIr(id: string): Promise<{ ir?: CompiledIR; status: CacheLookupStatus }> {
    const remembered = this.memo.get(id);
    if (remembered) return { ir: remembered, status: 'hit' };
    const lookup = await lookupInCache(this.cache, irKey(id));
    if (lookup.status !== 'hit') return { status: lookup.status };
    const parsed = CompiledIR.safeParse(JSON.parse(lookup.value!));
    if (!parsed.success) {
      logEvent('warn', 'cached_ir_unreadable', { id });
      return { status: 'miss' };
    }
    this.memo.set(parsed.data);
    return { ir: parsed.data, status: 'hit' };
  }

  async storeIr(ir: CompiledIR): Promise<boolean> {
    this.memo.set(ir);
    return this.write(irKey(ir.id), JSON.stringify(ir));
  }

  async loadContext(hash: string): Promise<ContextEntry | undefined> {
    const lookup = await lookupInCache(this.cache, contextKey(hash));
    if (lookup.status !== 'hit') return undefined;
    try {
      const entry = JSON.parse(lookup.value!) as Partial<ContextEntry>;
      return typeof entry.ir_id === 'string' && typeof entry.constraint_set_id === 'string' ? { ir_id: entry.ir_id, constraint_set_id: entry.constraint_set_id } : undefined;
    } catch {
      return undefined;
    }
  }

  async storeContext(hash: string, entry: ContextEntry): Promise<boolean> {
    return this.write(contextKey(hash), JSON.stringify(entry));
  }

  private async write(key: string, value: string): Promise<boolean> {
    try {
      await this.cache.set(key, value, { ttlSeconds: CACHE_TTL_SECONDS, ...(this.waitUntil ? { waitUntil: this.waitUntil } : {}) });
      return true;
    } catch (error) {
      logEvent('warn', 'cache_write_failed', { key, message: String((error as Error).message).slice(0, 200) });
      return false;
    }
  }
}
