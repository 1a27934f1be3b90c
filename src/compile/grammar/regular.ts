/**
 * Regular expressions as data, with intersection and difference. Code grammars describe their
 * free-text pieces (code between brackets, with strings and comments) as one of these; the
 * automaton module turns it into a minimal DFA and then into grammar rules, and the Lark
 * emitter can print it as an llguidance terminal with `&` and `~`.
 */
import { CodeSet } from './charset.js';

export type Regex =
  | { readonly kind: 'chars'; readonly set: CodeSet }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'seq'; readonly items: readonly Regex[] }
  | { readonly kind: 'alt'; readonly options: readonly Regex[] }
  | { readonly kind: 'repeat'; readonly item: Regex; readonly min: number; readonly max: number | null }
  | { readonly kind: 'and'; readonly items: readonly Regex[] }
  | { readonly kind: 'without'; readonly base: Regex; readonly excluded: Regex }
  /** Every string that contains none of the patterns (built as an Aho-Corasick automaton). */
  | { readonly kind: 'avoid'; readonly patterns: readonly string[] }
  /** A sub-expression with a name, printed once as its own Lark terminal. */
  | { readonly kind: 'named'; readonly name: string; readonly body: Regex }
  /** A finite automaton whose edges are regexes: how lexers with context are written. */
  | { readonly kind: 'graph'; readonly graph: TokenGraph; readonly entry: string; readonly accepting: readonly string[] };

export interface TokenEdge {
  readonly from: string;
  readonly to: string;
  readonly label: Regex;
}

export interface TokenGraph {
  readonly states: readonly string[];
  readonly edges: readonly TokenEdge[];
}

export const nothing: Regex = { kind: 'alt', options: [] };
export const epsilon: Regex = { kind: 'literal', text: '' };
export const anyChar: Regex = { kind: 'chars', set: CodeSet.all };
export const anyText: Regex = { kind: 'repeat', item: anyChar, min: 0, max: null };

export function set(codes: CodeSet): Regex {
  return codes.isEmpty ? nothing : { kind: 'chars', set: codes };
}

/** A class from a regex-style class body, e.g. `cls('a-zA-Z_')`. */
export function cls(spec: string): Regex {
  return set(CodeSet.parse(spec));
}

export function notCls(spec: string): Regex {
  return set(CodeSet.parse(spec).complement());
}

export function text(value: string): Regex {
  return { kind: 'literal', text: value };
}

export function isNothing(regex: Regex): boolean {
  return regex.kind === 'alt' && regex.options.length === 0;
}

export function isEpsilon(regex: Regex): boolean {
  return regex.kind === 'literal' && regex.text === '';
}

export function cat(...items: Regex[]): Regex {
  const flat: Regex[] = [];
  for (const item of items) {
    if (isNothing(item)) return nothing;
    if (isEpsilon(item)) continue;
    if (item.kind === 'seq') flat.push(...item.items);
    else {
      const last = flat[flat.length - 1];
      if (last?.kind === 'literal' && item.kind === 'literal') flat[flat.length - 1] = text(last.text + item.text);
      else flat.push(item);
    }
  }
  if (flat.length === 0) return epsilon;
  return flat.length === 1 ? flat[0]! : { kind: 'seq', items: flat };
}

export function or(...options: Regex[]): Regex {
  const flat: Regex[] = [];
  for (const option of options) {
    if (isNothing(option)) continue;
    for (const item of option.kind === 'alt' ? option.options : [option]) {
      if (!flat.includes(item)) flat.push(item);
    }
  }
  const charSets = flat.filter((item): item is Extract<Regex, { kind: 'chars' }> => item.kind === 'chars');
  if (charSets.length > 1) {
    const merged = set(charSets.reduce((all, item) => all.union(item.set), CodeSet.empty));
    const rest = flat.filter((item) => item.kind !== 'chars');
    return rest.length === 0 ? merged : { kind: 'alt', options: [merged, ...rest] };
  }
  return flat.length === 1 ? flat[0]! : { kind: 'alt', options: flat };
}

export function rep(item: Regex, min: number, max: number | null): Regex {
  if (isNothing(item)) return min === 0 ? epsilon : nothing;
  if (isEpsilon(item) || max === 0) return epsilon;
  if (min === 1 && max === 1) return item;
  return { kind: 'repeat', item, min, max };
}

export function many(item: Regex): Regex {
  return rep(item, 0, null);
}

export function some(item: Regex): Regex {
  return rep(item, 1, null);
}

export function maybe(item: Regex): Regex {
  return rep(item, 0, 1);
}

export function both(...items: Regex[]): Regex {
  if (items.some(isNothing)) return nothing;
  const useful = items.filter((item) => item !== anyText);
  if (useful.length === 0) return anyText;
  if (useful.length === 1) return useful[0]!;
  return { kind: 'and', items: useful };
}

export function without(base: Regex, excluded: Regex): Regex {
  if (isNothing(base)) return nothing;
  if (isNothing(excluded)) return base;
  return { kind: 'without', base, excluded };
}

export function avoiding(patterns: readonly string[]): Regex {
  const unique = [...new Set(patterns)].sort();
  if (unique.some((pattern) => pattern === '')) return epsilon;
  return unique.length === 0 ? anyText : { kind: 'avoid', patterns: unique };
}

export function named(name: string, body: Regex): Regex {
  return { kind: 'named', name, body };
}

/** One of the strings, exactly. */
export function oneOf(values: readonly string[]): Regex {
  return or(...[...new Set(values)].sort().map(text));
}

/** Builds a token graph; states are named, the first added state is just a name like the others. */
export class GraphBuilder {
  private readonly states: string[] = [];
  private readonly edges: TokenEdge[] = [];

  state(name: string): string {
    if (!this.states.includes(name)) this.states.push(name);
    return name;
  }

  edge(from: string, label: Regex, to: string): this {
    this.state(from);
    this.state(to);
    if (!isNothing(label)) this.edges.push({ from, to, label });
    return this;
  }

  build(): TokenGraph {
    return { states: [...this.states], edges: [...this.edges] };
  }
}

export function graph(tokenGraph: TokenGraph, entry: string, accepting: readonly string[]): Regex {
  for (const name of [entry, ...accepting]) {
    if (!tokenGraph.states.includes(name)) throw new Error(`graph has no state ${name}`);
  }
  return { kind: 'graph', graph: tokenGraph, entry, accepting: [...accepting] };
}

/**
 * The same language as a graph, as a plain expression (state elimination, removing first the
 * state whose removal adds the least, as measured by `regexSize`). Used where a dialect needs one
 * regular expression, e.g. an llguidance terminal.
 */
export function eliminateGraph(node: Extract<Regex, { kind: 'graph' }>): Regex {
  const START = '\u0000start';
  const END = '\u0000end';
  const table = new Map<string, Map<string, Regex>>();
  const get = (from: string, to: string): Regex => table.get(from)?.get(to) ?? nothing;
  const put = (from: string, to: string, label: Regex): void => {
    const row = table.get(from) ?? new Map<string, Regex>();
    table.set(from, row);
    row.set(to, or(get(from, to), label));
  };
  put(START, node.entry, epsilon);
  for (const name of node.accepting) put(name, END, epsilon);
  for (const edge of node.graph.edges) put(edge.from, edge.to, edge.label);
  const remaining = new Set(node.graph.states);
  const neighbours = (middle: string) => ({
    incoming: [START, ...remaining].filter((from) => from !== middle && !isNothing(get(from, middle))),
    outgoing: [...remaining, END].filter((to) => to !== middle && !isNothing(get(middle, to))),
  });
  const cost = (middle: string): number => {
    const { incoming, outgoing } = neighbours(middle);
    const loop = regexSize(get(middle, middle));
    return incoming.reduce((sum, from) => sum + regexSize(get(from, middle)) * outgoing.length, 0)
      + outgoing.reduce((sum, to) => sum + regexSize(get(middle, to)) * incoming.length, 0)
      + loop * incoming.length * outgoing.length;
  };
  while (remaining.size > 0) {
    const middle = [...remaining].reduce((best, candidate) => (cost(candidate) < cost(best) ? candidate : best));
    const { incoming, outgoing } = neighbours(middle);
    const loop = many(get(middle, middle));
    for (const from of incoming) {
      for (const to of outgoing) put(from, to, cat(get(from, middle), loop, get(middle, to)));
    }
    remaining.delete(middle);
    for (const row of table.values()) row.delete(middle);
    table.delete(middle);
  }
  return get(START, END);
}

/** Nodes of a regex, counting a named sub-expression as one (it is printed once, by name). */
export function regexSize(regex: Regex): number {
  switch (regex.kind) {
    case 'chars':
    case 'literal':
    case 'avoid':
    case 'named':
      return 1;
    case 'seq':
      return regex.items.reduce((sum, item) => sum + regexSize(item), 0);
    case 'alt':
      return regex.options.reduce((sum, option) => sum + regexSize(option), 0);
    case 'and':
      return regex.items.reduce((sum, item) => sum + regexSize(item), 1);
    case 'repeat':
      return regexSize(regex.item) + 1;
    case 'without':
      return regexSize(regex.base) + regexSize(regex.excluded) + 1;
    case 'graph':
      return regex.graph.edges.reduce((sum, edge) => sum + regexSize(edge.label), 0);
  }
}
