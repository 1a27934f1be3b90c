import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Task } from 'tinybench';

export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** Interpolated percentile of ascending samples, q in [0, 1]. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
  };
}

/** Latency samples (ms) of a finished tinybench task; the bench must retain samples. */
export function taskSamples(task: Task): number[] {
  const result = task.result as { latency?: { samples?: number[] } } | undefined;
  const samples = result?.latency?.samples;
  if (!samples?.length) throw new Error(`task "${task.name}" has no samples: create the Bench with retainSamples: true`);
  return samples;
}

export function machine(): Record<string, unknown> {
  return { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), date: new Date().toISOString() };
}

/** Writes bench/results/<name>.json and says where. */
export async function writeReport(name: string, report: Record<string, unknown>): Promise<string> {
  const directory = join(import.meta.dirname, '..', 'results');
  await mkdir(directory, { recursive: true });
  const path = join(directory, `${name}.json`);
  await writeFile(path, `${JSON.stringify({ machine: machine(), ...report }, null, 2)}\n`);
  return path;
}
