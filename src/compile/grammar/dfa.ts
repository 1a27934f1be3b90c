/**
 * Deterministic automata over code points: edges carry disjoint code point sets. Minimisation,
 * products, and printing an automaton as grammar rules (one rule per state).
 */
import { COMPILE_LIMITS, exceeded } from '../limits.js';
import { charClass, ref, seq, type Expr, type GrammarBuilder } from './ast.js';
import { factorSharedEdges } from './edge-groups.js';
import { CodeSet } from './charset.js';

export interface DfaEdge {
  readonly set: CodeSet;
  readonly target: number;
}

export interface Dfa {
  readonly start: number;
  readonly accepting: readonly boolean[];
  /** Per state, edges on disjoint sets, ordered by their smallest code point. */
  readonly edges: readonly (readonly DfaEdge[])[];
}

const EMPTY_LANGUAGE: Dfa = { start: 0, accepting: [false], edges: [[]] };

export function stateCount(dfa: Dfa): number {
  return dfa.accepting.length;
}

export function guardStates(count: number): void {
  if (count > COMPILE_LIMITS.maxAutomatonStates) {
    exceeded('maxAutomatonStates', count, 'use fewer or shorter forbidden patterns, naming rules or allowed imports in one request');
  }
}

/** Drops states that are unreachable or cannot reach acceptance, and numbers states in BFS order. */
export function trim(dfa: Dfa): Dfa {
  const reverse = dfa.edges.map(() => [] as number[]);
  dfa.edges.forEach((edges, from) => edges.forEach((edge) => reverse[edge.target]!.push(from)));
  const alive = new Set<number>();
  const queue = dfa.accepting.flatMap((accepting, state) => (accepting ? [state] : []));
  queue.forEach((state) => alive.add(state));
  while (queue.length > 0) {
    for (const from of reverse[queue.shift()!]!) {
      if (!alive.has(from)) {
        alive.add(from);
        queue.push(from);
      }
    }
  }
  if (!alive.has(dfa.start)) return EMPTY_LANGUAGE;
  return canonical({
    start: dfa.start,
    accepting: dfa.accepting,
    edges: dfa.edges.map((edges) => edges.filter((edge) => alive.has(edge.target))),
  });
}

/** Renumbers states breadth-first from the start, edges in code point order. */
export function canonical(dfa: Dfa): Dfa {
  const order: number[] = [];
  const mapping = new Map<number, number>();
  const visit = (state: number): void => {
    if (!mapping.has(state)) {
      mapping.set(state, order.length);
      order.push(state);
    }
  };
  visit(dfa.start);
  for (let index = 0; index < order.length; index++) {
    for (const edge of sortEdges(dfa.edges[order[index]!]!)) visit(edge.target);
  }
  return {
    start: 0,
    accepting: order.map((state) => dfa.accepting[state]!),
    edges: order.map((state) => sortEdges(dfa.edges[state]!).map((edge) => ({ set: edge.set, target: mapping.get(edge.target)! }))),
  };
}

function sortEdges(edges: readonly DfaEdge[]): DfaEdge[] {
  return [...edges].sort((a, b) => a.set.min - b.set.min);
}

/** Moore's partition refinement over trimmed automata; the result is canonical. */
export function minimize(input: Dfa): Dfa {
  const dfa = trim(input);
  let blocks: number[] = dfa.accepting.map((accepting) => (accepting ? 1 : 0));
  let count = new Set(blocks).size;
  const ranges = dfa.edges.map((edges) =>
    edges.flatMap((edge) => edge.set.ranges.map(([from, to]) => ({ from, to, target: edge.target }))).sort((a, b) => a.from - b.from));
  for (;;) {
    const signatures = new Map<string, number>();
    const next = ranges.map((list, state) => {
      let signature = `${blocks[state]}|`;
      let open: { from: number; to: number; block: number } | undefined;
      for (const range of list) {
        const block = blocks[range.target]!;
        if (open && open.block === block && open.to + 1 === range.from) {
          open.to = range.to;
          continue;
        }
        if (open) signature += `${open.from}-${open.to}:${open.block},`;
        open = { from: range.from, to: range.to, block };
      }
      if (open) signature += `${open.from}-${open.to}:${open.block}`;
      let id = signatures.get(signature);
      if (id === undefined) {
        id = signatures.size;
        signatures.set(signature, id);
      }
      return id;
    });
    blocks = next;
    if (signatures.size === count) break;
    count = signatures.size;
  }
  const representative = new Map<number, number>();
  blocks.forEach((block, state) => {
    if (!representative.has(block)) representative.set(block, state);
  });
  const merged: Dfa = {
    start: blocks[dfa.start]!,
    accepting: [...representative.keys()].sort((a, b) => a - b).map((block) => dfa.accepting[representative.get(block)!]!),
    edges: [...representative.keys()].sort((a, b) => a - b).map((block) => mergeEdges(dfa.edges[representative.get(block)!]!.map((edge) => ({ set: edge.set, target: blocks[edge.target]! })))),
  };
  return canonical(merged);
}

/** Joins edges that lead to the same state. */
export function mergeEdges(edges: readonly DfaEdge[]): DfaEdge[] {
  const byTarget = new Map<number, CodeSet>();
  for (const edge of edges) byTarget.set(edge.target, (byTarget.get(edge.target) ?? CodeSet.empty).union(edge.set));
  return sortEdges([...byTarget.entries()].map(([target, set]) => ({ set, target })));
}

const DEAD = -1;

/**
 * Runs two automata side by side. `accept` decides acceptance from both sides; a side that has
 * no edge is dead (never accepting again). With `needsRight`, a dead right side kills the pair
 * (intersection); without, the left side goes on alone (difference).
 */
export function product(left: Dfa, right: Dfa, accept: (leftAccepting: boolean, rightAccepting: boolean) => boolean, needsRight: boolean): Dfa {
  const index = new Map<string, number>();
  const pairs: [number, number][] = [];
  const accepting: boolean[] = [];
  const edges: DfaEdge[][] = [];
  const visit = (pair: [number, number]): number => {
    const key = `${pair[0]},${pair[1]}`;
    let id = index.get(key);
    if (id === undefined) {
      id = pairs.length;
      index.set(key, id);
      pairs.push(pair);
      guardStates(pairs.length);
    }
    return id;
  };
  visit([left.start, right.start]);
  for (let id = 0; id < pairs.length; id++) {
    const [leftState, rightState] = pairs[id]!;
    accepting[id] = accept(left.accepting[leftState]!, rightState !== DEAD && right.accepting[rightState]!);
    const out: DfaEdge[] = [];
    const rightEdges = rightState === DEAD ? [] : right.edges[rightState]!;
    const rightCovered = needsRight ? CodeSet.empty : rightEdges.reduce((all, edge) => all.union(edge.set), CodeSet.empty);
    for (const leftEdge of left.edges[leftState]!) {
      for (const rightEdge of rightEdges) {
        const shared = leftEdge.set.intersect(rightEdge.set);
        if (!shared.isEmpty) out.push({ set: shared, target: visit([leftEdge.target, rightEdge.target]) });
      }
      if (!needsRight) {
        const rest = leftEdge.set.minus(rightCovered);
        if (!rest.isEmpty) out.push({ set: rest, target: visit([leftEdge.target, DEAD]) });
      }
    }
    edges[id] = out;
  }
  return minimize({ start: 0, accepting, edges });
}

export function intersection(left: Dfa, right: Dfa): Dfa {
  return product(left, right, (a, b) => a && b, true);
}

export function difference(left: Dfa, right: Dfa): Dfa {
  return product(left, right, (a, b) => a && !b, false);
}

export function isEmptyLanguage(dfa: Dfa): boolean {
  return !trim(dfa).accepting.some(Boolean);
}

/** Runs the automaton over a string: true when the whole string is accepted. */
export function dfaAccepts(dfa: Dfa, input: string): boolean {
  let state = dfa.start;
  for (const char of input) {
    const code = char.codePointAt(0)!;
    const edge = dfa.edges[state]!.find((candidate) => candidate.set.has(code));
    if (!edge) return false;
    state = edge.target;
  }
  return dfa.accepting[state]!;
}

/**
 * Adds one rule per state to the builder: `<prefix>-<n> ::= [class] <prefix>-<m> | ... | ""`
 * (the empty alternative on accepting states). A state with no edges that accepts is inlined as
 * the bare class. Rules are added for the states reachable from the entries (the start state by
 * default); returns the rule name of each entry. `startName` names the start state's rule.
 */
export function addDfaRules(builder: GrammarBuilder, dfa: Dfa, prefix: string, entries: readonly number[] = [dfa.start], startName?: string): string[] {
  const names = dfa.edges.map((_, state) => (state === dfa.start && startName ? startName : `${prefix}-${state}`));
  for (const { name, body } of dfaRuleBodies(dfa, `${prefix}\u0000${startName ?? ''}`, entries, names)) builder.rule(name, body);
  return entries.map((entry) => names[entry]!);
}

const ruleBodies = new WeakMap<Dfa, Map<string, readonly { name: string; body: Expr }[]>>();

/**
 * The rule bodies of a DFA's reachable states. Shared automata come back as the same object from
 * the compile caches, so their bodies are built once and reused (and printed once, see bnf.ts).
 */
function dfaRuleBodies(dfa: Dfa, prefix: string, entries: readonly number[], names: readonly string[]): readonly { name: string; body: Expr }[] {
  const key = `${prefix}\u0000${entries.join(',')}`;
  let byKey = ruleBodies.get(dfa);
  const cached = byKey?.get(key);
  if (cached) return cached;
  const isLeaf = (state: number): boolean => dfa.accepting[state]! && dfa.edges[state]!.length === 0;
  const needed = new Set<number>(entries);
  const queue = [...entries];
  while (queue.length > 0) {
    for (const edge of dfa.edges[queue.shift()!]!) {
      if (!isLeaf(edge.target) && !needed.has(edge.target)) {
        needed.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  const states = [...needed].sort((a, b) => a - b).map((state) => ({
    name: names[state]!,
    accepting: dfa.accepting[state]!,
    edges: dfa.edges[state]!.map((edge) => ({
      key: `${edge.set.key}>${isLeaf(edge.target) ? '' : edge.target}`,
      expr: isLeaf(edge.target) ? charClass(edge.set) : seq(charClass(edge.set), ref(names[edge.target]!)),
    })),
  }));
  const groupPrefix = names.find((name) => name.includes('-'))?.replace(/-\d+$/, '') ?? 'q';
  const bodies = factorSharedEdges(states, (index) => `${groupPrefix}-x${index}`);
  if (!byKey) ruleBodies.set(dfa, (byKey = new Map()));
  byKey.set(key, bodies);
  return bodies;
}

/** The state reached from the start on one character, if any. */
export function stepFrom(dfa: Dfa, state: number, code: number): number | undefined {
  return dfa.edges[state]!.find((edge) => edge.set.has(code))?.target;
}
