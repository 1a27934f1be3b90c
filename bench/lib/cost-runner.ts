/**
 * Runs CostJobs in a worker thread, one at a time, so that a compile running past `maxCompileMs`
 * can be stopped (the worker is terminated and a fresh one started for the next job): today's
 * large grammars take minutes to compile against a 128k vocabulary in WASM.
 */
import { Worker } from 'node:worker_threads';
import type { CostJob, CostResult } from './xgrammar-cost.js';

export interface WorkerRequest {
  id: number;
  job: CostJob;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'compiled'; id: number; compile_ms: number }
  | { type: 'done'; id: number; result: CostResult }
  | { type: 'failed'; id: number; message: string };

export type CostOutcome =
  | { status: 'measured'; result: CostResult }
  /** The compile was stopped after `stopped_after_ms`, past the limit: no mask measured. */
  | { status: 'too_slow'; limit_ms: number; stopped_after_ms: number }
  /** XGrammar refused the grammar (its own message). */
  | { status: 'refused'; message: string };

export class CostRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;

  /** Measures one job; `maxCompileMs` stops a compile that runs longer (wall time). */
  async run(job: CostJob, maxCompileMs?: number): Promise<CostOutcome> {
    const worker = await this.started();
    const id = this.nextId++;
    return new Promise<CostOutcome>((resolve, reject) => {
      const started = performance.now();
      const timer = maxCompileMs === undefined ? undefined : setTimeout(() => stop(), maxCompileMs);
      const finish = (outcome: CostOutcome) => {
        if (timer) clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(outcome);
      };
      const stop = () => {
        const stoppedAfter = Math.round(performance.now() - started);
        void this.discard().then(() => finish({ status: 'too_slow', limit_ms: maxCompileMs!, stopped_after_ms: stoppedAfter }));
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'ready' || reply.id !== id) return;
        if (reply.type === 'compiled') {
          if (timer) clearTimeout(timer);
          return;
        }
        if (reply.type === 'done') finish({ status: 'measured', result: reply.result });
        else finish({ status: 'refused', message: reply.message });
      };
      const onError = (error: Error) => {
        if (timer) clearTimeout(timer);
        worker.off('exit', onExit);
        this.worker = undefined;
        this.ready = undefined;
        reject(error);
      };
      const onExit = (code: number) => {
        if (this.worker === worker) onError(new Error(`the XGrammar worker exited with code ${code} while measuring`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, job } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await this.discard();
  }

  private async started(): Promise<Worker> {
    if (!this.worker) {
      const worker = startTypeScriptWorker(new URL('./xgrammar-cost-worker.ts', import.meta.url));
      this.worker = worker;
      this.ready = new Promise<void>((resolve, reject) => {
        const onReady = (reply: WorkerReply) => {
          if (reply.type !== 'ready') return;
          worker.off('message', onReady);
          worker.off('error', reject);
          resolve();
        };
        worker.on('message', onReady);
        worker.once('error', reject);
      });
    }
    await this.ready;
    return this.worker;
  }

  private async discard(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }
}

/** A worker running a .ts module through typescript-worker.mjs, which registers tsx first. */
function startTypeScriptWorker(module: URL): Worker {
  return new Worker(new URL('./typescript-worker.mjs', import.meta.url), { workerData: { module: module.href } });
}
