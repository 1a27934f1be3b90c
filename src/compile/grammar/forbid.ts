/**
 * "Text that contains none of these strings" is regular. It is built here as an Aho-Corasick
 * automaton over the pattern characters plus one class for every other character, with the
 * states where a pattern ends removed, then minimised and printed as grammar rules (one rule per
 * state, accepting states may end). GBNF and XGrammar have no negation, so this is how they get it.
 */
import { checkLimit } from '../limits.js';
import { GrammarBuilder, type Grammar } from './ast.js';
import { CodeSet } from './charset.js';
import { addDfaRules, guardStates, intersection, mergeEdges, minimize, type Dfa, type DfaEdge } from './dfa.js';
import { avoiding, both, many, oneOf, set, without, type Regex } from './regular.js';

interface TrieNode {
  readonly children: Map<number, number>;
  fail: number;
  matched: boolean;
}

export function checkPatterns(patterns: readonly string[]): void {
  checkLimit('maxForbidPatterns', patterns.length, 'merge related forbid constraints or move rare ones to the validator');
  for (const pattern of patterns) {
    checkLimit('maxPatternLength', [...pattern].length, `shorten the forbidden pattern ${JSON.stringify(pattern.slice(0, 40))}`);
  }
}

/** The minimal DFA of all strings (over every code point) that contain none of the patterns. */
export function avoidDfa(patterns: readonly string[]): Dfa {
  checkPatterns(patterns);
  if (patterns.includes('')) return { start: 0, accepting: [false], edges: [[]] };
  const usable = [...new Set(patterns)];
  const nodes = buildTrie(usable);
  linkFailures(nodes);
  const alphabet = [...new Set(usable.flatMap((pattern) => [...pattern].map((char) => char.codePointAt(0)!)))].sort((a, b) => a - b);
  const others = CodeSet.of(alphabet.map((code) => [code, code] as const)).complement();
  const live = nodes.map((node, index) => (node.matched ? -1 : index)).filter((index) => index >= 0);
  guardStates(live.length);
  const number = new Map(live.map((node, index) => [node, index]));
  const edges: DfaEdge[][] = live.map((node) => {
    const out: DfaEdge[] = [];
    for (const code of alphabet) {
      const target = step(nodes, node, code);
      if (!nodes[target]!.matched) out.push({ set: CodeSet.range(code, code), target: number.get(target)! });
    }
    if (!others.isEmpty) out.push({ set: others, target: number.get(0)! });
    return mergeEdges(out);
  });
  return minimize({ start: 0, accepting: live.map(() => true), edges });
}

function buildTrie(patterns: readonly string[]): TrieNode[] {
  const nodes: TrieNode[] = [{ children: new Map(), fail: 0, matched: false }];
  for (const pattern of patterns) {
    let current = 0;
    for (const char of pattern) {
      const code = char.codePointAt(0)!;
      let next = nodes[current]!.children.get(code);
      if (next === undefined) {
        next = nodes.length;
        nodes.push({ children: new Map(), fail: 0, matched: false });
        nodes[current]!.children.set(code, next);
      }
      current = next;
    }
    nodes[current]!.matched = true;
  }
  return nodes;
}

function linkFailures(nodes: TrieNode[]): void {
  const queue = [...nodes[0]!.children.values()];
  while (queue.length > 0) {
    const index = queue.shift()!;
    const node = nodes[index]!;
    for (const [code, child] of node.children) {
      const fallback = index === 0 ? 0 : step(nodes, node.fail, code);
      nodes[child]!.fail = fallback === child ? 0 : fallback;
      nodes[child]!.matched ||= nodes[nodes[child]!.fail]!.matched;
      queue.push(child);
    }
  }
}

function step(nodes: readonly TrieNode[], from: number, code: number): number {
  let current = from;
  for (;;) {
    const next = nodes[current]!.children.get(code);
    if (next !== undefined) return next;
    if (current === 0) return 0;
    current = nodes[current]!.fail;
  }
}

/**
 * Adds rules for "text over `alphabet` that contains none of the patterns" and returns the entry
 * rule name. The entry rule accepts the empty string.
 */
export function addAvoidRules(builder: GrammarBuilder, prefix: string, patterns: readonly string[], alphabet: CodeSet = CodeSet.all): string {
  const restricted = alphabet.size === CodeSet.all.size
    ? avoidDfa(patterns)
    : intersection(avoidDfa(patterns), { start: 0, accepting: [true], edges: [[{ set: alphabet, target: 0 }]] });
  return addDfaRules(builder, restricted, prefix)[0]!;
}

/** A standalone grammar: the whole output must avoid the patterns. */
export function avoidGrammar(patterns: readonly string[], alphabet: CodeSet = CodeSet.all): Grammar {
  const builder = new GrammarBuilder('root');
  const entry = addAvoidRules(builder, 'avoid', patterns, alphabet);
  const text = alphabet.size === CodeSet.all.size ? avoiding(patterns) : both(many(set(alphabet)), avoiding(patterns));
  builder.rule('root', { kind: 'ref', name: entry }, { regular: text });
  return builder.build();
}

/** Identifiers minus a banned set: identifier ∩ not(banned words). */
export function identifierWithout(identifier: Regex, banned: readonly string[]): Regex {
  return without(identifier, oneOf(banned));
}
