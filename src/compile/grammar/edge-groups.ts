/**
 * Right-linear rules of an automaton repeat themselves: every state where a word may end lists
 * the same ways out (`[ \t] root | ["] c-1 | ['] c-3 | ...`). Edges that many states share are
 * printed once, as a rule of their own the states refer to, which keeps a code grammar within
 * its byte budget without changing its language.
 */
import { alt, empty, ref, type Expr } from './ast.js';

export interface StateEdges {
  readonly name: string;
  /** The state's edges, each with a key equal for equal edges. */
  readonly edges: readonly { readonly key: string; readonly expr: Expr }[];
  readonly accepting: boolean;
}

/** Groups of fewer edges, or shared by fewer states, are left as they are. */
const MIN_GROUP_EDGES = 2;
const MIN_GROUP_STATES = 3;
const MAX_GROUPS = 8;

export function factorSharedEdges(states: readonly StateEdges[], groupName: (index: number) => string): { name: string; body: Expr }[] {
  const remaining = states.map((state) => ({ ...state, edges: [...state.edges], groups: [] as string[] }));
  const groups: { name: string; body: Expr }[] = [];
  for (let index = 0; index < MAX_GROUPS; index++) {
    const group = largestSharedGroup(remaining);
    if (!group) break;
    const name = groupName(index);
    groups.push({ name, body: alt(...group.edges.map((edge) => edge.expr)) });
    const keys = new Set(group.edges.map((edge) => edge.key));
    for (const state of group.states) {
      state.edges = state.edges.filter((edge) => !keys.has(edge.key));
      state.groups.push(name);
    }
  }
  const bodies = remaining.map((state) => {
    const alternatives = [...state.edges.map((edge) => edge.expr), ...state.groups.map((name) => ref(name)), ...(state.accepting ? [empty] : [])];
    if (alternatives.length === 0) throw new Error(`automaton state ${state.name} has no edges and does not accept`);
    return { name: state.name, body: alt(...alternatives) };
  });
  return [...bodies, ...groups];
}

type Remaining = { edges: { key: string; expr: Expr }[]; groups: string[] };

/**
 * A set of edges many states have in common, grown greedily from the most widely shared edge:
 * an edge joins while the bytes it saves (edges times states sharing them) grow.
 */
function largestSharedGroup<T extends Remaining>(states: T[]): { edges: T['edges']; states: T[] } | undefined {
  const holders = new Map<string, Set<T>>();
  for (const state of states) for (const edge of state.edges) holders.set(edge.key, (holders.get(edge.key) ?? new Set()).add(state));
  const byReach = [...holders.entries()].sort((a, b) => b[1].size - a[1].size);
  if (byReach.length === 0 || byReach[0]![1].size < MIN_GROUP_STATES) return undefined;
  let keys = [byReach[0]![0]];
  let members = byReach[0]![1];
  const score = (keyCount: number, memberCount: number): number => keyCount * (memberCount - 1);
  for (;;) {
    let best: { key: string; members: Set<T> } | undefined;
    for (const [key, holding] of byReach) {
      if (keys.includes(key)) continue;
      const together = new Set([...members].filter((state) => holding.has(state)));
      if (together.size >= MIN_GROUP_STATES && (!best || together.size > best.members.size)) best = { key, members: together };
    }
    if (!best || score(keys.length + 1, best.members.size) <= score(keys.length, members.size)) break;
    keys = [...keys, best.key];
    members = best.members;
  }
  if (keys.length < MIN_GROUP_EDGES) return undefined;
  const first = [...members][0]!;
  return { edges: first.edges.filter((edge) => keys.includes(edge.key)), states: [...members] };
}
