import type { QueryOptions } from 'web-tree-sitter';
import type { Language } from '../../../constraints/schema.js';
import type { FileContext } from '../../facts.js';
import { rangeOf } from '../../ranges.js';
import { ruleMatches, type RuleMatch } from '../common.js';

export type { RuleMatch };

export type QueryDir = 'typescript' | 'javascript' | 'ecmascript' | 'jsx';

/** Query files whose patterns are valid under both grammars live once, in `ecmascript/`. */
const SHARED_FILES = new Set(['exports', 'holes', 'imports', 'tests']);

/**
 * Where a language's queries live: patterns valid under both grammars in `ecmascript/`, grammar-
 * specific ones in `typescript/` (TS and TSX) or `javascript/`, and JSX patterns in `jsx/` for the
 * grammars that have JSX (TSX and JavaScript).
 */
export interface Dialect {
  dir: 'typescript' | 'javascript';
  hasJsx: boolean;
}

export function dialectOf(language: Language): Dialect {
  if (language === 'javascript') return { dir: 'javascript', hasJsx: true };
  return { dir: 'typescript', hasJsx: language === 'tsx' };
}

/** The queries run over one file, each at most once, shared by the concerns that need them. */
export class FileScan {
  private readonly results = new Map<string, RuleMatch[]>();

  constructor(readonly context: FileContext, readonly dialect: Dialect) {}

  /**
   * Matches of `<dir>/<file>.scm` over the whole tree (the dialect's main dir by default).
   * `maxStartDepth` skips deeper nodes for packs whose patterns only start near the root.
   */
  matches(file: string, dir: QueryDir = SHARED_FILES.has(file) ? 'ecmascript' : this.dialect.dir, options: QueryOptions = {}): RuleMatch[] {
    const key = `${dir}/${file}`;
    let found = this.results.get(key);
    if (!found) {
      found = ruleMatches(this.context, key, options);
      this.results.set(key, found);
    }
    return found;
  }

  /** Matches of a JSX query file, or none when the grammar has no JSX. */
  jsxMatches(file: string): RuleMatch[] {
    return this.dialect.hasJsx ? this.matches(file, 'jsx') : [];
  }
}

/** Memoises a value derived from a scan, so concerns that share it compute it once per file. */
export function perFile<T>(compute: (scan: FileScan) => T): (scan: FileScan) => T {
  const cache = new WeakMap<FileScan, T>();
  return (scan) => {
    if (!cache.has(scan)) cache.set(scan, compute(scan));
    return cache.get(scan) as T;
  };
}

/** Range and rule of a fact found by a match (at the match's node unless another is given). */
export function located(match: RuleMatch, node = match.node): { range: ReturnType<typeof rangeOf>; rule: string } {
  return { range: rangeOf(node), rule: match.rule };
}
