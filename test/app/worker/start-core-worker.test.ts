import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanlightEvent } from '../../../app/contract';
import { InvalidRequestError } from '../../../app/contract-validation';
import { createSpanlightCore, type CoreConnection } from '../../../app/spanlight-core';
import { startCoreWorker } from '../../../app/worker/start-core-worker';
import { syntheticTrace } from '../../e2e/synthetic-trace';
import { bundleWorker } from '../../helpers/bundle-worker';
import { makeTempDir } from '../../helpers/temp-dir';

// The worker runs built JavaScript, as in the hosts: bundle its entry point once, like
// scripts/build.mjs, inside the project so that its packages resolve from node_modules.
const workerScript = path.resolve('.tmp', 'test-core-worker', 'core-worker.js');
let temp: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  temp = await makeTempDir();
  await bundleWorker('app/worker/core-worker.ts', workerScript);
});
afterAll(() => temp.cleanup());

let dataDirs = 0;
const dataDir = () => path.join(temp.dir, `data-${++dataDirs}`);

describe('startCoreWorker', () => {
  it('answers commands and pushes events like an in-process core', async () => {
    const core = await startCoreWorker({ dataDir: dataDir(), env: {}, workerScript });
    try {
      const events: SpanlightEvent[] = [];
      core.subscribe((event) => events.push(event));
      const placed = await core.commands.placeOrder({
        paymentDeclined: false,
        emailServerDown: false,
        slowDatabase: false,
      });
      expect(placed.status).toBe('ok');
      const list = await core.commands.listTraces({});
      expect(list.traces.map((trace) => trace.traceId)).toEqual([placed.traceId]);
      expect(list.traces[0]!.spanCount).toBe(6);
      await expect.poll(() => events.some((event) => event.name === 'tracesChanged')).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('keeps the class of a refused request, so hosts still answer 400', async () => {
    const core = await startCoreWorker({ dataDir: dataDir(), env: {}, workerScript });
    try {
      const refused = core.commands.updateSettings({ endpoint: 'not a url' });
      await expect(refused).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(refused).rejects.toThrow('The endpoint was not changed');
    } finally {
      await core.close();
    }
  });

  it("asks the host's save dialog where to save, and saves there", async () => {
    const target = path.join(temp.dir, 'saved.otlp.json');
    const asked: string[] = [];
    const core = await startCoreWorker({
      dataDir: dataDir(),
      env: {},
      workerScript,
      chooseSavePath: async (suggested) => {
        asked.push(suggested);
        return target;
      },
    });
    try {
      const { traceId } = await core.commands.placeOrder({
        paymentDeclined: false,
        emailServerDown: false,
        slowDatabase: false,
      });
      const saved = await core.commands.saveTraceToFile({ traceId });
      expect(asked).toEqual([`trace-${traceId}.otlp.json`]);
      expect(saved).toMatchObject({ saved: true, path: target, spanCount: 6 });
    } finally {
      await core.close();
    }
  });

  it('fails the start with the core’s own error when the core cannot start', async () => {
    const file = path.join(temp.dir, 'not-a-folder');
    await writeFile(file, 'x');
    await expect(
      startCoreWorker({ dataDir: path.join(file, 'data'), env: {}, workerScript }),
    ).rejects.toThrow(/not-a-folder/);
  });

  it('rejects the call in flight and later ones when the worker dies, and tells the host', async () => {
    // A saved api/v3 answer is read whole (an OTLP JSON file is streamed, and 60,000 spans of it
    // now fit in the small heap below).
    const file = path.join(temp.dir, 'too-big-for-the-heap.json');
    await writeFile(file, `{"result":${syntheticTrace(60_000).json}}`);
    const exits: Error[] = [];
    const core = await startCoreWorker({
      dataDir: dataDir(),
      env: {},
      workerScript,
      // A heap far too small for this file: the worker runs out of memory while reading it.
      resourceLimits: { maxOldGenerationSizeMb: 48 },
      onUnexpectedExit: (error) => exits.push(error),
    });
    await expect(core.commands.openTraceFiles({ paths: [file] })).rejects.toThrow(
      /the Spanlight core stopped/,
    );
    await expect(core.commands.listTraces({})).rejects.toThrow(/the Spanlight core stopped/);
    expect(exits).toHaveLength(1);
    await core.close();
  }, 60_000);

  it("keeps the host's event loop free while the core imports a big trace file", async () => {
    const trace = syntheticTrace(60_000);
    // A saved api/v3 answer: read and parsed whole, one long turn of the loop that runs it (OTLP
    // JSON is read in chunks and stored in batches, which leaves the loop free in process too).
    const file = path.join(temp.dir, 'big.json');
    await writeFile(file, `{"result":${trace.json}}`);

    const delayWhile = async (core: CoreConnection): Promise<number> => {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const [opened] = (await core.commands.openTraceFiles({ paths: [file] })).files;
      // The histogram records a late tick when it runs: give the loop a few more turns first.
      await new Promise((resolve) => setTimeout(resolve, 50));
      delay.disable();
      expect(opened).toMatchObject({ spanCount: trace.spanCount });
      return delay.max / 1e6;
    };

    const inProcess = await createSpanlightCore({ dataDir: dataDir(), env: {} });
    const blockedMs = await delayWhile(inProcess).finally(() => inProcess.close());
    const worker = await startCoreWorker({ dataDir: dataDir(), env: {}, workerScript });
    const freeMs = await delayWhile(worker).finally(() => worker.close());

    // In process, parsing the file holds the loop for a long turn; in the worker it never does.
    expect(blockedMs).toBeGreaterThan(250);
    expect(freeMs).toBeLessThan(blockedMs / 4);
  }, 60_000);

  it('imports an upload as it comes, listed before its end, and keeps nothing of one cut off', async () => {
    const trace = syntheticTrace(50_000);
    const bytes = Buffer.from(trace.json);
    const core = await startCoreWorker({ dataDir: dataDir(), env: {}, workerScript });
    try {
      let release = () => {};
      const halfSent = new Promise<void>((resolve) => (release = resolve));
      async function* pieces(cutOff: boolean) {
        const half = Math.floor(bytes.length / 2);
        for (let at = 0; at < bytes.length; at += 65536) {
          if (at >= half && at - 65536 < half) {
            if (cutOff) throw new Error('the request body was cut off');
            await halfSent;
          }
          yield bytes.subarray(at, Math.min(bytes.length, at + 65536));
        }
      }
      const listed = async () =>
        (await core.commands.listTraces({})).traces.find((t) => t.traceId === trace.traceId);
      const importing = core.importUpload({
        fileName: 'up.json',
        size: bytes.length,
        pieces: pieces(false),
      });
      await expect.poll(listed, { timeout: 20_000 }).toBeDefined();
      expect((await listed())!.spanCount).toBeLessThan(trace.spanCount);
      release();
      expect(await importing).toMatchObject({ fileName: 'up.json', spanCount: trace.spanCount });
      expect((await listed())!.spanCount).toBe(trace.spanCount);

      await core.commands.deleteTrace({ traceId: trace.traceId });
      const cut = await core.importUpload({
        fileName: 'cut.json',
        size: bytes.length,
        pieces: pieces(true),
      });
      expect(cut).toEqual({
        fileName: 'cut.json',
        error: expect.stringMatching(
          /^cut\.json: the upload was cut off after \d+ of \d+ bytes \(the request body was cut off\)$/,
        ),
      });
      expect(await listed()).toBeUndefined();
    } finally {
      await core.close();
    }
  }, 60_000);
});
