/**
 * The engine-cost verdicts and tables: each grammar's XGrammar compile as a ratio to the 10-field
 * JSON Schema grammar's compile, its mean mask per token as a ratio to the builtin JSON grammar's,
 * and its size per dialect, each against the budgets of issue 7.
 */
import type { CostOutcome } from './cost-runner.js';
import type { GrammarDialect, GrammarSize } from './fixture-targets.js';
import type { CostResult } from './xgrammar-cost.js';

/** The budgets of issue 7: what keeps a grammar as cheap for an engine as the JSON it already serves. */
export const ENGINE_COST_TARGETS = {
  /** XGrammar compile, at most this times the 10-field JSON Schema grammar's. */
  compileRatioMax: 3,
  /** Mean token mask, at most this times the builtin JSON grammar's. */
  maskRatioMax: 3,
  /** Grammar text per dialect. */
  grammarBytesMax: 16 * 1024,
  grammarRulesMax: 200,
} as const;

export interface Baselines {
  builtinJson: CostResult;
  jsonSchema: CostResult;
}

export interface Verdicts {
  compile?: boolean;
  mask?: boolean;
  /** The grammar accepted its own text: every token, then the end (a refusal is a bug signal). */
  accepts_own_text?: boolean;
  grammar_bytes?: boolean;
  grammar_rules?: boolean;
}

export interface Ratios {
  compile_vs_json_schema?: number;
  mask_vs_builtin_json?: number;
}

export function ratiosOf(outcome: CostOutcome, baselines: Baselines): Ratios {
  if (outcome.status !== 'measured') return {};
  return {
    compile_vs_json_schema: round2(outcome.result.compile_ms / baselines.jsonSchema.compile_ms),
    ...(outcome.result.mask_us.samples > 0 ? { mask_vs_builtin_json: round2(outcome.result.mask_us.mean / baselines.builtinJson.mask_us.mean) } : {}),
  };
}

export function costVerdicts(outcome: CostOutcome, ratios: Ratios): Verdicts {
  if (outcome.status === 'too_slow') return { compile: false };
  if (outcome.status === 'refused') return { compile: false };
  return {
    compile: ratios.compile_vs_json_schema! <= ENGINE_COST_TARGETS.compileRatioMax,
    ...(ratios.mask_vs_builtin_json !== undefined ? { mask: ratios.mask_vs_builtin_json <= ENGINE_COST_TARGETS.maskRatioMax } : {}),
    accepts_own_text: outcome.result.rejected === undefined && outcome.result.accepts_end,
  };
}

export function sizeVerdicts(sizes: Record<GrammarDialect, GrammarSize>): Verdicts {
  const all = Object.values(sizes);
  return {
    grammar_bytes: all.every((size) => size.bytes <= ENGINE_COST_TARGETS.grammarBytesMax),
    grammar_rules: all.every((size) => size.rules <= ENGINE_COST_TARGETS.grammarRulesMax),
  };
}

/** False when any verdict failed; a verdict that could not be measured does not count as held. */
export function allHold(verdicts: Verdicts): boolean {
  return Object.values(verdicts).every((verdict) => verdict === true);
}

export function describeOutcome(outcome: CostOutcome): string {
  switch (outcome.status) {
    case 'measured':
      return `compile ${formatMs(outcome.result.compile_ms)}, mask mean ${formatUs(outcome.result.mask_us.mean)} p95 ${formatUs(outcome.result.mask_us.p95)} per token over ${outcome.result.tokens} tokens${rejectionNote(outcome.result)}`;
    case 'too_slow':
      return `too slow: compile stopped after ${formatMs(outcome.stopped_after_ms)} (limit ${formatMs(outcome.limit_ms)}), no mask measured`;
    case 'refused':
      return `refused by XGrammar: ${outcome.message}`;
  }
}

export function rejectionNote(result: CostResult): string {
  if (result.rejected) return `; REJECTED token ${result.rejected.index} of ${result.tokens} (${JSON.stringify(result.rejected.text)})`;
  return result.accepts_end ? '' : '; accepted every token but not the end';
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return '-';
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  return `${us.toFixed(us >= 100 ? 0 : 1)} µs`;
}

export function mark(verdict: boolean | undefined): string {
  if (verdict === undefined) return '-';
  return verdict ? 'yes' : '**no**';
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A markdown table from a header row and body rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
