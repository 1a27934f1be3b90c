/**
 * Regex -> minimal DFA. Concatenation, alternation, repetition and graphs go through a
 * Thompson NFA and the subset construction (over the coarsest partition of the code points the
 * edges of each subset use); intersection and difference are products of DFAs; `avoid` is the
 * Aho-Corasick automaton of forbid.ts.
 */
import { checkLimit } from '../limits.js';
import { GrammarBuilder, ref, type Grammar } from './ast.js';
import { CodeSet, partition } from './charset.js';
import { addDfaRules, difference, guardStates, intersection, minimize, type Dfa, type DfaEdge } from './dfa.js';
import { avoidDfa } from './forbid.js';
import type { Regex } from './regular.js';

interface Fragment {
  readonly start: number;
  readonly end: number;
}

class Nfa {
  readonly epsilon: number[][] = [];
  readonly edges: { set: CodeSet; target: number }[][] = [];

  add(): number {
    this.epsilon.push([]);
    this.edges.push([]);
    guardStates(this.epsilon.length);
    return this.epsilon.length - 1;
  }

  link(from: number, to: number): void {
    this.epsilon[from]!.push(to);
  }

  step(from: number, set: CodeSet, to: number): void {
    if (!set.isEmpty) this.edges[from]!.push({ set, target: to });
  }
}

const keys = new WeakMap<Regex, string>();

/** A string that is equal for structurally equal regexes, so DFAs can be shared across compiles. */
export function regexKey(regex: Regex): string {
  const cached = keys.get(regex);
  if (cached !== undefined) return cached;
  const key = keyUncached(regex);
  keys.set(regex, key);
  return key;
}

function keyUncached(regex: Regex): string {
  switch (regex.kind) {
    case 'chars': return `[${regex.set.key}]`;
    case 'literal': return JSON.stringify(regex.text);
    case 'seq': return `(${regex.items.map(regexKey).join(' ')})`;
    case 'alt': return `(${regex.options.map(regexKey).join('|')})`;
    case 'repeat': return `${regexKey(regex.item)}{${regex.min},${regex.max ?? ''}}`;
    case 'and': return `(${regex.items.map(regexKey).join('&')})`;
    case 'without': return `(${regexKey(regex.base)}-${regexKey(regex.excluded)})`;
    case 'avoid': return `avoid${JSON.stringify(regex.patterns)}`;
    case 'named': return regexKey(regex.body);
    case 'graph': {
      const edges = regex.graph.edges.map((edge) => `${edge.from}>${edge.to}:${regexKey(edge.label)}`).join(',');
      return `graph(${regex.graph.states.join(',')};${edges};${regex.entry};${regex.accepting.join(',')})`;
    }
  }
}

/**
 * Minimal DFAs by regex structure, shared by every compile in this isolate: the token automata of
 * a language are the same in every grammar, and building them is most of a compile's work.
 */
const compiled = new Map<string, Dfa>();
const MAX_CACHED_AUTOMATA = 4_000;

/** The minimal DFA of a regex, from the isolate-wide cache when an equal regex was compiled before. */
export function compileRegex(regex: Regex): Dfa {
  const key = regexKey(regex);
  const cached = compiled.get(key);
  if (cached) return cached;
  const dfa = compileUncached(regex);
  if (compiled.size >= MAX_CACHED_AUTOMATA) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, dfa);
  return dfa;
}

function compileUncached(regex: Regex): Dfa {
  switch (regex.kind) {
    case 'and':
      return regex.items.map(compileRegex).reduce((left, right) => intersection(left, right));
    case 'without':
      return difference(compileRegex(regex.base), compileRegex(regex.excluded));
    case 'avoid':
      return avoidDfa(regex.patterns);
    case 'named':
      return compileRegex(regex.body);
    default: {
      const nfa = new Nfa();
      const fragment = build(regex, nfa);
      return minimize(determinize(nfa, fragment));
    }
  }
}

function build(regex: Regex, nfa: Nfa): Fragment {
  switch (regex.kind) {
    case 'chars': {
      const start = nfa.add();
      const end = nfa.add();
      nfa.step(start, regex.set, end);
      return { start, end };
    }
    case 'literal': {
      const start = nfa.add();
      let current = start;
      for (const char of regex.text) {
        const next = nfa.add();
        const code = char.codePointAt(0)!;
        nfa.step(current, CodeSet.range(code, code), next);
        current = next;
      }
      return { start, end: current };
    }
    case 'seq': {
      const parts = regex.items.map((item) => build(item, nfa));
      parts.slice(1).forEach((part, index) => nfa.link(parts[index]!.end, part.start));
      if (parts.length === 0) {
        const only = nfa.add();
        return { start: only, end: only };
      }
      return { start: parts[0]!.start, end: parts[parts.length - 1]!.end };
    }
    case 'alt': {
      const start = nfa.add();
      const end = nfa.add();
      for (const option of regex.options) {
        const part = build(option, nfa);
        nfa.link(start, part.start);
        nfa.link(part.end, end);
      }
      return { start, end };
    }
    case 'repeat':
      return buildRepeat(regex, nfa);
    case 'graph':
      return buildGraph(regex, nfa);
    default:
      return embed(compileRegex(regex), nfa);
  }
}

function buildRepeat(regex: Extract<Regex, { kind: 'repeat' }>, nfa: Nfa): Fragment {
  checkLimit('maxRepeatCount', Math.max(regex.min, regex.max ?? 0), 'use a smaller bounded repetition');
  const start = nfa.add();
  let current = start;
  for (let count = 0; count < regex.min; count++) {
    const part = build(regex.item, nfa);
    nfa.link(current, part.start);
    current = part.end;
  }
  const end = nfa.add();
  nfa.link(current, end);
  if (regex.max === null) {
    const part = build(regex.item, nfa);
    nfa.link(current, part.start);
    nfa.link(part.end, current);
  } else {
    for (let count = regex.min; count < regex.max; count++) {
      const part = build(regex.item, nfa);
      nfa.link(current, part.start);
      nfa.link(part.end, end);
      current = part.end;
    }
  }
  return { start, end };
}

function buildGraph(regex: Extract<Regex, { kind: 'graph' }>, nfa: Nfa): Fragment {
  const states = new Map(regex.graph.states.map((name) => [name, nfa.add()]));
  const start = nfa.add();
  const end = nfa.add();
  nfa.link(start, states.get(regex.entry)!);
  for (const name of regex.accepting) nfa.link(states.get(name)!, end);
  // Edges with the same label into the same state share one copy of the label's automaton, so
  // the subset construction meets the same states from every source (far fewer subsets).
  const shared = new Map<string, Fragment>();
  for (const edge of regex.graph.edges) {
    const key = `${regexKey(edge.label)}\u0000${edge.to}`;
    let part = shared.get(key);
    if (!part) {
      part = build(edge.label, nfa);
      nfa.link(part.end, states.get(edge.to)!);
      shared.set(key, part);
    }
    nfa.link(states.get(edge.from)!, part.start);
  }
  return { start, end };
}

function embed(dfa: Dfa, nfa: Nfa): Fragment {
  const ids = dfa.accepting.map(() => nfa.add());
  const end = nfa.add();
  dfa.edges.forEach((edges, state) => edges.forEach((edge) => nfa.step(ids[state]!, edge.set, ids[edge.target]!)));
  dfa.accepting.forEach((accepting, state) => {
    if (accepting) nfa.link(ids[state]!, end);
  });
  return { start: ids[dfa.start]!, end };
}

/** The states reachable from the seeds by epsilon moves, sorted; each state's own closure is computed once. */
function closure(nfa: Nfa, seeds: readonly number[], memo: Map<number, readonly number[]>): number[] {
  if (seeds.length === 1) return [...closureOf(nfa, seeds[0]!, memo)];
  const union = new Set<number>();
  for (const seed of seeds) for (const state of closureOf(nfa, seed, memo)) union.add(state);
  return [...union].sort((a, b) => a - b);
}

function closureOf(nfa: Nfa, seed: number, memo: Map<number, readonly number[]>): readonly number[] {
  let known = memo.get(seed);
  if (known) return known;
  const seen = new Set<number>();
  const stack = [seed];
  while (stack.length > 0) {
    const state = stack.pop()!;
    if (seen.has(state)) continue;
    seen.add(state);
    stack.push(...nfa.epsilon[state]!);
  }
  known = [...seen].sort((a, b) => a - b);
  memo.set(seed, known);
  return known;
}

function determinize(nfa: Nfa, fragment: Fragment): Dfa {
  const index = new Map<string, number>();
  const subsets: number[][] = [];
  const visit = (subset: number[]): number => {
    const key = subset.join(',');
    let id = index.get(key);
    if (id === undefined) {
      id = subsets.length;
      index.set(key, id);
      subsets.push(subset);
      guardStates(subsets.length);
    }
    return id;
  };
  const memo = new Map<number, readonly number[]>();
  visit(closure(nfa, [fragment.start], memo));
  const accepting: boolean[] = [];
  const edges: DfaEdge[][] = [];
  for (let id = 0; id < subsets.length; id++) {
    const subset = subsets[id]!;
    accepting[id] = subset.includes(fragment.end);
    const outgoing = subset.flatMap((state) => nfa.edges[state]!);
    edges[id] = partition(outgoing.map((edge) => edge.set)).map((atom) => ({
      set: atom.set,
      target: visit(closure(nfa, atom.members.map((member) => outgoing[member]!.target), memo)),
    }));
  }
  return { start: 0, accepting, edges };
}

/** A grammar whose whole output is the regex, printed as DFA rules. */
export function regexGrammar(regex: Regex, prefix = 'text'): Grammar {
  const builder = new GrammarBuilder('root');
  const [entry] = addDfaRules(builder, compileRegex(regex), prefix);
  builder.rule('root', ref(entry!), { regular: regex });
  return builder.build();
}
