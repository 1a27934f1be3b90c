import type { Attempt, GenerateResponse, GenerateWarning, Usage } from '../constraints/generate-api.js';
import { GENERATE_LIMITS } from '../constraints/generate-api.js';
import type { ProviderWarning } from '../providers/index.js';
import type { Assessment } from './assess.js';
import type { ConfiguredProvider } from './providers.js';
import type { ResolvedIr } from './resolve.js';

/** One attempt, with its full report (the response keeps the chosen one's). */
export interface AttemptRecord {
  entry: Attempt;
  assessment?: Assessment;
  providerWarnings: ProviderWarning[];
}

export const round = (milliseconds: number): number => Math.round(milliseconds * 100) / 100;

function rank(record: AttemptRecord): [number, number, number] {
  return [record.assessment?.engineFailure ? 1 : 0, record.assessment?.report.violated.length ?? 0, record.entry.attempt];
}

/** Fewest violations wins, an engine failure never beats an honest attempt, and the earlier one wins a tie. */
export function bestOf(records: readonly AttemptRecord[]): AttemptRecord & { assessment: Assessment } {
  const completed = records.filter((record): record is AttemptRecord & { assessment: Assessment } => record.assessment !== undefined);
  return completed.reduce((best, record) => {
    const [a, b] = [rank(record), rank(best)];
    return a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))) ? record : best;
  });
}

export function sumUsage(records: readonly AttemptRecord[]): Usage {
  const total = (field: keyof Usage): number | null => {
    const known = records.map((record) => record.entry.usage[field]).filter((value): value is number => value !== null);
    return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0);
  };
  return { prompt_tokens: total('prompt_tokens'), completion_tokens: total('completion_tokens') };
}

export function provenanceOf(resolved: ResolvedIr): GenerateResponse['provenance'] {
  const { ir } = resolved;
  return {
    ir_id: ir.id,
    ...(resolved.constraintSetId ? { constraint_set_id: resolved.constraintSetId } : {}),
    ...(ir.target ? { target: ir.target } : {}),
    shape: resolved.shape,
    ...(ir.language ? { language: ir.language } : {}),
    compiler_version: ir.compiler_version,
    source: resolved.source,
    cache: resolved.cache,
  };
}

export function compileWarnings(resolved: ResolvedIr, provider: ConfiguredProvider): GenerateWarning[] {
  return resolved.ir.warnings
    .filter((warning) => warning.engine === undefined || warning.engine === provider.engine)
    .map((warning) => ({ source: 'compile' as const, code: warning.code, message: warning.message, ...(warning.constraint_id ? { constraint_id: warning.constraint_id } : {}) }));
}

export function capWarnings(warnings: readonly GenerateWarning[]): GenerateWarning[] {
  if (warnings.length <= GENERATE_LIMITS.maxWarnings) return [...warnings];
  const kept = warnings.slice(0, GENERATE_LIMITS.maxWarnings - 1);
  return [...kept, { source: 'generate', code: 'warnings_truncated', message: `${warnings.length - kept.length} more warnings were left out` }];
}

export interface Timings {
  started: number;
  generate_ms: number;
  validate_ms: number;
}

export function timingsOf(resolved: ResolvedIr, timings: Timings, now: number): GenerateResponse['timings'] {
  return {
    extract_ms: round(resolved.extract_ms),
    compile_ms: round(resolved.compile_ms),
    generate_ms: round(timings.generate_ms),
    validate_ms: round(timings.validate_ms),
    total_ms: round(now - timings.started),
  };
}

