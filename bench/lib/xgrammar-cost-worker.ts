/**
 * Worker side of cost-runner.ts: one CostMeter (XGrammar + the Llama-3 TokenizerInfo) per worker;
 * for each job it reports the compile as soon as it is done, then the replay, so the main thread
 * can stop a compile that runs past its limit by terminating this worker.
 */
import { parentPort } from 'node:worker_threads';
import { createCostMeter } from './xgrammar-cost.js';
import type { WorkerReply, WorkerRequest } from './cost-runner.js';

const port = parentPort;
if (!port) throw new Error('xgrammar-cost-worker.ts runs as a worker thread only');

const meter = await createCostMeter();
const send = (reply: WorkerReply) => port.postMessage(reply);

port.on('message', (request: WorkerRequest) => {
  void runJob(request);
});
send({ type: 'ready' });

async function runJob({ id, job }: WorkerRequest): Promise<void> {
  try {
    const { compiled, ...compileCost } = await meter.compile(job.source, job.compileRepeats);
    send({ type: 'compiled', id, compile_ms: compileCost.compile_ms });
    try {
      const maskCost = await meter.replay(compiled, job.tokens, job.replayRepeats);
      send({ type: 'done', id, result: { ...compileCost, ...maskCost } });
    } finally {
      compiled.dispose();
    }
  } catch (error) {
    send({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
}
