// Worker bootstrap for a .ts module: Node 20 does not hand tsx's loader to worker threads, so the
// worker registers tsx itself, then imports the module named in workerData.module (a file URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
