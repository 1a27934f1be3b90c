import type { Node, QueryMatch, QueryOptions } from 'web-tree-sitter';
import type { HolePayload } from '../../constraints/schema.js';
import type { Range, SignaturePayload } from '../../constraints/schema.js';
import type {
  DeclarationFact, ErrorFact, FileContext, FileFacts, HoleFact, ImportFact, SecurityFact, ShapeFact, SignatureFact, TestFact,
} from '../facts.js';
import { LIMITS } from '../../limits.js';
import { rangeOf } from '../ranges.js';

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
  return declaration.text
    .slice(0, end)
    .replace(/\s+/g, ' ')
    .replace(/([([]) /g, '$1')
    .replace(/ ([)\]])/g, '$1')
    .trim()
    .replace(/\s*(=>|:)$/, '$1');
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

/** A JSON Schema (2020-12) object as the extractors build it. */
export type JsonSchema = Record<string, unknown>;

/** One match of a query pattern: the rule that found it, its main node and its parts. */
export interface RuleMatch {
  /** "<query dir>/<file>.scm#<main capture>" */
  rule: string;
  /** The main capture's name, e.g. "function". */
  capture: string;
  node: Node;
  parts: Map<string, Node>;
}

/**
 * Runs a compiled query once over the whole file. Each pattern in the .scm files has one main
 * capture named after its rule ("@function"); the captures of its parts start with "_" ("@_name").
 * A pattern with a repeated child matches once per child, so one node can come back several times.
 */
export function ruleMatches(context: FileContext, queryName: string, options: QueryOptions = {}): RuleMatch[] {
  const results: RuleMatch[] = [];
  for (const match of context.query(queryName).matches(context.tree.rootNode, options)) {
    const main = match.captures.find((capture) => !capture.name.startsWith('_'));
    if (main) results.push({ rule: `${queryName}.scm#${main.name}`, capture: main.name, node: main.node, parts: capturesOf(match) });
  }
  return results;
}

/** The matches with distinct (rule, main node) pairs, first one kept. */
export function distinctMatches(matches: readonly RuleMatch[]): RuleMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = `${match.rule}@${match.node.startIndex}:${match.node.endIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Items sorted by where they start in the file (stable for equal positions). */
export function byPosition<T extends { range: Range }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}

/** A function or method node with the signature extracted from it, for finding enclosing ones. */
export interface SignatureSite {
  startIndex: number;
  endIndex: number;
  payload: SignaturePayload;
}

/** Signature of the innermost function or method whose node contains `node`. */
export function enclosingSignature(sites: readonly SignatureSite[], node: Node): SignaturePayload | undefined {
  let best: SignatureSite | undefined;
  for (const site of sites) {
    const contains = site.startIndex <= node.startIndex && node.endIndex <= site.endIndex;
    if (contains && (!best || site.startIndex >= best.startIndex)) best = site;
  }
  return best?.payload;
}

/** A TODO/FIXME hole for a matched comment, or undefined when it carries no marker. */
export function commentHole(comment: RuleMatch, sites: readonly SignatureSite[]): HoleFact | undefined {
  const marker = commentMarker(comment.node.text);
  if (!marker) return undefined;
  const line = comment.node.text.split('\n').find((text) => commentMarker(text) !== undefined) ?? comment.node.text;
  const enclosing = enclosingSignature(sites, comment.node);
  return { marker, text: line.trim().slice(0, 120), range: rangeOf(comment.node), rule: comment.rule, ...(enclosing ? { enclosing } : {}) };
}

/** Last row a node really covers (a line comment that ends with its newline ends at column 0 of the next row). */
function lastRow(node: Node): number {
  return node.endPosition.column === 0 && node.endPosition.row > node.startPosition.row ? node.endPosition.row - 1 : node.endPosition.row;
}

/**
 * The comment siblings right above `node` with no blank line between, in source order. Siblings
 * for which `skip` holds (attributes, annotations) are stepped over.
 */
export function commentsAbove(node: Node, isComment: (sibling: Node) => boolean, skip: (sibling: Node) => boolean = () => false): Node[] {
  const comments: Node[] = [];
  let row = node.startPosition.row;
  for (let sibling = node.previousNamedSibling; sibling && lastRow(sibling) === row - 1; sibling = sibling.previousNamedSibling) {
    if (isComment(sibling)) comments.unshift(sibling);
    else if (!skip(sibling)) break;
    row = sibling.startPosition.row;
  }
  return comments;
}

/** Text of doc comments without their markers ("//", "///", "/**", "*", "* /"), block tags dropped, on one line. */
export function commentText(comments: readonly Node[]): string {
  const lines = comments.flatMap((comment) =>
    comment.text
      .replace(/^\/\*+!?|\*+\/$/g, '')
      .split('\n')
      .map((line) => line.replace(/^\s*(\/\/+!?|\*+(?!\/))?/, '').trim()),
  );
  const description: string[] = [];
  for (const line of lines) {
    if (line.startsWith('@')) break;
    if (line) description.push(line);
  }
  return description.join(' ');
}

/** False for `{}` and a bare `$ref`: an alias to those says nothing a reader can check. */
export function saysSomething(schema: JsonSchema): boolean {
  const keys = Object.keys(schema);
  return keys.length > 0 && !(keys.length === 1 && keys[0] === '$ref');
}

/** The schema, also allowing null. */
export function nullable(schema: JsonSchema): JsonSchema {
  if (Object.keys(schema).length === 0) return schema;
  return { anyOf: [schema, { type: 'null' }] };
}

/** A signature fact with the extent of its function node, so holes can find their enclosing one. */
export type SignatureFound = SignatureFact & SignatureSite;

/** One function per concern; a language extractor made of these runs through extractWithPack. */
export interface LanguagePack {
  signatures(context: FileContext): SignatureFound[];
  shapes(context: FileContext): ShapeFact[];
  imports(context: FileContext): ImportFact[];
  declarations(context: FileContext): DeclarationFact[];
  errors(context: FileContext): ErrorFact[];
  security(context: FileContext): SecurityFact[];
  tests(context: FileContext): TestFact[];
  holes(context: FileContext, sites: readonly SignatureSite[]): HoleFact[];
}

/**
 * Runs the pack's functions for the concerns asked for, each fact list in file order. Signatures
 * are also found for holes (their `enclosing`); findings and holes are capped per file.
 */
export function extractWithPack(context: FileContext, pack: LanguagePack): FileFacts {
  const wants = (concern: Parameters<FileContext['concerns']['has']>[0]) => context.concerns.has(concern);
  const found = wants('signatures') || wants('holes') ? pack.signatures(context) : [];
  return {
    signatures: wants('signatures') ? byPosition(found.map(({ payload, range, rule }) => ({ payload, range, rule }))) : [],
    shapes: wants('types') ? byPosition(pack.shapes(context)) : [],
    imports: wants('imports') ? byPosition(pack.imports(context)) : [],
    declarations: wants('naming') ? byPosition(pack.declarations(context)) : [],
    errors: wants('errors') ? byPosition(pack.errors(context)) : [],
    security: wants('security') ? byPosition(pack.security(context)).slice(0, LIMITS.maxFindingsPerFile) : [],
    tests: wants('tests') ? byPosition(pack.tests(context)) : [],
    holes: wants('holes') ? byPosition(pack.holes(context, found)).slice(0, LIMITS.maxFindingsPerFile) : [],
  };
}
