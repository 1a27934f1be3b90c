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

/** The query folders each language's extractor reads; all of them run as one pass over a file. */
const QUERY_DIRS: Record<Language, readonly string[]> = {
  typescript: ['ecmascript', 'typescript'],
  tsx: ['ecmascript', 'typescript', 'jsx'],
  javascript: ['ecmascript', 'javascript', 'jsx'],
  python: ['python'],
  go: ['go'],
  rust: ['rust'],
  java: ['java'],
};

/** Test-convention queries run only on test files, so they stay out of the shared pass every file pays for. */
const RUN_ALONE = /\/tests$/;

function dirOf(name: string): string {
  return name.slice(0, name.indexOf('/'));
}

function queryText(name: string): string {
  const text = QUERIES[name];
  if (text === undefined) throw new Error(`no query "${name}" in src/extract/queries`);
  return text;
}

/**
 * All queries of a language compiled as one query, so a file's tree is walked once rather than
 * once per query file (each walk costs about as much as all the matching). null when they do not
 * compile together for this grammar; each query then runs alone.
 */
function packFor(parsers: Parsers, language: Language): Pack | null {
  if (packs.has(language)) return packs.get(language)!;
  const dirs = new Set(QUERY_DIRS[language]);
  const names = Object.keys(QUERIES).filter((name) => dirs.has(dirOf(name)) && !RUN_ALONE.test(name)).sort();
  let pack: Pack | null = null;
  try {
    const owners = names.flatMap((name) => Array<string>(parsers.query(language, name, queryText(name)).patternCount()).fill(name));
    const offsets = new Map(names.map((name) => [name, owners.indexOf(name)]));
    pack = { query: parsers.query(language, `${language}:*`, names.map(queryText).join('\n')), owners, offsets };
  } catch {
    pack = null;
  }
  packs.set(language, pack);
  return pack;
}

function isWholeTree(node: Node, tree: Tree, options: QueryOptions | undefined): boolean {
  return node.id === tree.rootNode.id && (!options || Object.keys(options).length === 0);
}

/** The queries of one file: whole-tree runs share one pass over the tree. */
export class QuerySession {
  private readonly byName = new Map<string, QueryMatch[]>();
  private packRan = false;

  constructor(private readonly parsers: Parsers, private readonly language: Language, private readonly tree: Tree) {}

  query(name: string): QueryRunner {
    return {
      matches: (node, options) =>
        isWholeTree(node, this.tree, options) ? this.wholeTree(name) : this.parsers.query(this.language, name, queryText(name)).matches(node, options),
    };
  }

  private wholeTree(name: string): QueryMatch[] {
    if (!this.packRan) this.runPack();
    return this.byName.get(name) ?? this.single(name);
  }

  private runPack(): void {
    this.packRan = true;
    const pack = packFor(this.parsers, this.language);
    if (!pack) return;
    for (const name of pack.offsets.keys()) this.byName.set(name, []);
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
