import type { Node, Query, QueryMatch, QueryOptions, Tree } from 'web-tree-sitter';
import type { Language } from '../constraints/schema.js';
import type { Parsers } from './parser.js';
import { QUERIES } from './queries/bundle.generated.js';

/** What extractors need of a query: its matches over a node. */
export interface QueryRunner {
  matches(node: Node, options?: QueryOptions): QueryMatch[];
}

interface Pack {
  query: Query;
  /** Query name for each pattern index of the combined query. */
  owners: string[];
  /** Index of each query's first pattern in the combined query. */
  offsets: Map<string, number>;
}

const packs = new Map<string, Pack | null>();

function packName(name: string): string {
  return name.slice(0, name.indexOf('/'));
}

function queryText(name: string): string {
  const text = QUERIES[name];
  if (text === undefined) throw new Error(`no query "${name}" in src/extract/queries`);
  return text;
}

/**
 * All queries of one folder compiled as one query, so a file's tree is walked once per folder
 * rather than once per query file (each walk costs about as much as the whole match work).
 * null when the folder's queries do not compile together for this grammar.
 */
function packFor(parsers: Parsers, language: Language, dir: string): Pack | null {
  const key = `${language}:${dir}`;
  if (packs.has(key)) return packs.get(key)!;
  const names = Object.keys(QUERIES).filter((name) => packName(name) === dir).sort();
  let pack: Pack | null = null;
  try {
    const owners = names.flatMap((name) => Array<string>(parsers.query(language, name, queryText(name)).patternCount()).fill(name));
    const offsets = new Map(names.map((name) => [name, owners.indexOf(name)]));
    pack = { query: parsers.query(language, `${dir}/*`, names.map(queryText).join('\n')), owners, offsets };
  } catch {
    pack = null;
  }
  packs.set(key, pack);
  return pack;
}

function isWholeTree(node: Node, tree: Tree, options: QueryOptions | undefined): boolean {
  return node.id === tree.rootNode.id && (!options || Object.keys(options).length === 0);
}

/** The queries of one file: whole-tree runs share one pass per query folder. */
export class QuerySession {
  private readonly byName = new Map<string, QueryMatch[]>();
  private readonly ranDirs = new Set<string>();

  constructor(private readonly parsers: Parsers, private readonly language: Language, private readonly tree: Tree) {}

  query(name: string): QueryRunner {
    return {
      matches: (node, options) =>
        isWholeTree(node, this.tree, options) ? this.wholeTree(name) : this.parsers.query(this.language, name, queryText(name)).matches(node, options),
    };
  }

  private wholeTree(name: string): QueryMatch[] {
    const dir = packName(name);
    if (!this.ranDirs.has(dir)) this.runPack(dir);
    return this.byName.get(name) ?? this.single(name);
  }

  private runPack(dir: string): void {
    this.ranDirs.add(dir);
    const pack = packFor(this.parsers, this.language, dir);
    if (!pack) return;
    for (const name of new Set(pack.owners)) this.byName.set(name, []);
    for (const match of pack.query.matches(this.tree.rootNode)) {
      const owner = pack.owners[match.patternIndex]!;
      this.byName.get(owner)!.push({ ...match, patternIndex: match.patternIndex - pack.offsets.get(owner)! });
    }
  }

  private single(name: string): QueryMatch[] {
    const matches = this.parsers.query(this.language, name, queryText(name)).matches(this.tree.rootNode);
    this.byName.set(name, matches);
    return matches;
  }
}
