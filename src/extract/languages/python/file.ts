import type { Node, QueryMatch } from 'web-tree-sitter';
import type { FileContext } from '../../facts.js';

/** One query match with its main capture: the capture whose name has no dot. */
export interface Found {
  capture: string;
  node: Node;
  match: QueryMatch;
  /** "python/<query>.scm#<capture>" */
  rule: string;
}

function mainCapture(match: QueryMatch): { name: string; node: Node } | undefined {
  return match.captures.find((capture) => !capture.name.includes('.'));
}

/** A file being extracted: runs each query once over the root and shares derived facts. */
export class PythonFile {
  private readonly results = new Map<string, Found[]>();
  private readonly memo = new Map<string, unknown>();

  constructor(readonly context: FileContext) {}

  /** Type stubs declare with `...` bodies by design. */
  get isStub(): boolean {
    return this.context.path.endsWith('.pyi');
  }

  /** Matches of src/extract/queries/python/<name>.scm, in source order. */
  found(name: string): Found[] {
    let found = this.results.get(name);
    if (!found) {
      found = this.context.query(`python/${name}`).matches(this.context.tree.rootNode).flatMap((match) => {
        const main = mainCapture(match);
        return main ? [{ capture: main.name, node: main.node, match, rule: `python/${name}.scm#${main.name}` }] : [];
      });
      this.results.set(name, found);
    }
    return found;
  }

  /** Computes a derived value once per file. */
  derived<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }
}

