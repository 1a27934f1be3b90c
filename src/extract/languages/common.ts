import type { Node, QueryMatch } from 'web-tree-sitter';
import type { HolePayload } from '../../constraints/schema.js';

/** Captures of one query match by name (the first node for each name). */
export function capturesOf(match: QueryMatch): Map<string, Node> {
  const byName = new Map<string, Node>();
  for (const capture of match.captures) if (!byName.has(capture.name)) byName.set(capture.name, capture.node);
  return byName;
}

/** All nodes captured under one name in a match (for repeated captures such as decorators). */
export function allCaptures(match: QueryMatch, name: string): Node[] {
  return match.captures.filter((capture) => capture.name === name).map((capture) => capture.node);
}

/** Nearest ancestor (excluding the node itself) whose type is one of `types`. */
export function ancestorOfType(node: Node, types: ReadonlySet<string> | readonly string[]): Node | undefined {
  const wanted = types instanceof Set ? types : new Set(types);
  for (let current = node.parent; current; current = current.parent) if (wanted.has(current.type)) return current;
  return undefined;
}

/** Source text of a declaration up to (not including) its body, on one line. */
export function headerText(declaration: Node, body: Node | null | undefined): string {
  const end = body ? body.startIndex - declaration.startIndex : declaration.text.length;
  return declaration.text.slice(0, end).replace(/\s+/g, ' ').trim().replace(/\s*(=>|:)$/, '$1');
}

/** A string literal's value without its quotes or prefixes (handles '', "", ``, r"", b'', f""). */
export function unquote(text: string): string {
  const match = /^[a-zA-Z]*("""|'''|["'`])([\s\S]*)\1$/.exec(text);
  return match ? match[2]! : text;
}

/** The hole marker a comment carries, if any: TODO/FIXME/XXX as a word, case-sensitive. */
export function commentMarker(comment: string): HolePayload['marker'] | undefined {
  if (/\bFIXME\b|\bXXX\b/.test(comment)) return 'fixme_comment';
  if (/\bTODO\b/.test(comment)) return 'todo_comment';
  return undefined;
}

/** First line of a node's text, capped, for snippets and hole texts. */
export function firstLine(node: Node, max = 120): string {
  return node.text.split('\n')[0]!.trim().slice(0, max);
}
