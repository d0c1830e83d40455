// The entry point of a parse thread: one trace file read and parsed beside the core's thread, which
// stores what it sends (app/trace-files/parse-job.ts, started by app/trace-files/parse-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseJob } from '../trace-files/parse-thread-protocol';
import { runParseJob } from '../trace-files/parse-job';

if (!parentPort) throw new Error('parse-worker.ts runs only as a worker thread');
void runParseJob(parentPort, workerData as ParseJob);
