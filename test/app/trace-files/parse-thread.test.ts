import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TraceFileResult } from '../../../app/model/trace-files';
import { createSpanlightCore } from '../../../app/spanlight-core';
import type { TraceStore } from '../../../app/storage/trace-store';
import { BATCH_SPANS, MAX_UNSTORED_BATCHES, runParseJob } from '../../../app/trace-files/parse-job';
import { readSpansOnParseThread } from '../../../app/trace-files/parse-thread';
import type {
  FromParseThread,
  ToParseThread,
} from '../../../app/trace-files/parse-thread-protocol';
import { PieceQueue } from '../../../app/trace-files/piece-queue';
import { readSpansHere, type ReadSpans } from '../../../app/trace-files/span-reading';
import {
  importUploadedTraceFile,
  openTraceFile,
  type TrackImport,
} from '../../../app/trace-files/trace-files';
import { ImportCancelledError } from '../../../app/trace-files/trace-imports';
import { UploadSource } from '../../../app/trace-files/upload-source';
import { encodeTraceRequest } from '../../helpers/otlp-protobuf-writer';
import { bundleWorker } from '../../helpers/bundle-worker';
import { makeTempDir } from '../../helpers/temp-dir';
import { memoryTraceStore } from '../../helpers/trace-store';
import { fixtureDir } from './fixtures';

// The parse thread runs built JavaScript, as in the hosts: bundle its entry point once, like
// scripts/build.mjs, inside the project so that its packages resolve from node_modules.
const workerScript = path.resolve('.tmp', 'test-parse-worker', 'parse-worker.js');
/** Every file on a parse thread, however small. */
const onThread = readSpansOnParseThread({ workerScript, minBytes: 0 });
let temp: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  temp = await makeTempDir();
  await bundleWorker('app/worker/parse-worker.ts', workerScript);
});
afterAll(() => temp.cleanup());

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/** An OTLP JSON request of `traces` traces of `spansEach` spans, each padded to some 300 bytes. */
function otlpRequest(traces: number, spansEach: number, resourceAfterSpans = false) {
  const spans = [];
  for (let t = 1; t <= traces; t++)
    for (let s = 1; s <= spansEach; s++)
      spans.push({
        traceId: hex(t, 32),
        spanId: hex(t * 100_000 + s, 16),
        ...(s > 1 && { parentSpanId: hex(t * 100_000 + 1, 16) }),
        name: `op ${s % 7}`,
        kind: 2,
        startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(s) * 1000n),
        endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(s) * 1000n + 500n),
        attributes: [
          { key: 'padding', value: { stringValue: 'x'.repeat(200) } },
          { key: 'n', value: { intValue: s } },
          { key: 'd', value: { doubleValue: s / 3 } },
        ],
        ...(s % 5 === 0 && { events: [{ timeUnixNano: '1700000000000000000', name: 'e' }] }),
        ...(s % 11 === 0 && { status: { code: 2, message: 'bad' } }),
      });
  const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] };
  const scopeSpans = [{ scope: { name: 'lib', version: '2' }, spans }];
  return {
    resourceSpans: [resourceAfterSpans ? { scopeSpans, resource } : { resource, scopeSpans }],
  };
}

/** Writes a file into the test's directory; its path. */
async function file(name: string, content: string | Uint8Array): Promise<string> {
  const filePath = path.join(temp.dir, name);
  await writeFile(filePath, content);
  return filePath;
}

/** A file opened into a fresh store: the result, and every trace it names as stored. */
async function opened(filePath: string, readSpans: ReadSpans, track?: TrackImport) {
  const store = memoryTraceStore();
  const result = await openTraceFile(store, filePath, path.basename(filePath), track, readSpans);
  return { result, store, traces: tracesOf(store, result) };
}

function tracesOf(store: TraceStore, result: TraceFileResult) {
  return 'traceIds' in result ? result.traceIds.map((id) => store.getTrace(id)) : [];
}

/** A tracker that asks to cancel once `when` says so, and counts the reports. */
function cancellingTrack(when: (bytesRead: number) => boolean): TrackImport {
  return (_fileName, _totalBytes, work) => {
    const controller = new AbortController();
    return work({
      signal: controller.signal,
      report: (bytesRead) => {
        if (when(bytesRead)) controller.abort();
      },
      checkCancelled: () => {
        if (controller.signal.aborted) throw new ImportCancelledError();
      },
    });
  };
}

describe('readSpansOnParseThread', () => {
  it('opens every kind of file as this thread does: the same results and the same stored traces', async () => {
    const big = JSON.stringify(otlpRequest(12, 400));
    const paths = [
      ...readdirSync(fixtureDir).map((name) => path.join(fixtureDir, name)),
      // Several chunks of 1 MiB; then broken at its end (line and column), a bad span late in it,
      // and a resource that comes after its spans (read again without binding early).
      await file('big.json', big),
      await file('broken.json', `${big.slice(0, -2)}\n  }x]}`),
      await file(
        'bad-late-span.json',
        big.replace(/"kind":2(?![\s\S]*"kind":2)/, '"kind":"SIDEWAYS"'),
      ),
      await file('late-resource.json', JSON.stringify(otlpRequest(4, 1500, true))),
      await file('request.pb', encodeTraceRequest(otlpRequest(10, 400))),
      await file('cut.pb', encodeTraceRequest(otlpRequest(10, 400)).subarray(0, 100_000)),
      await file('no-spans.json', '{"resourceSpans": []}'),
    ];
    for (const filePath of paths) {
      const here = await opened(filePath, readSpansHere);
      const there = await opened(filePath, onThread);
      expect({ file: filePath, ...there.result }).toEqual({ file: filePath, ...here.result });
      expect(there.traces).toEqual(here.traces);
    }
    // The generated files did test what they were made for.
    const results = await Promise.all(
      ['broken.json', 'bad-late-span.json', 'late-resource.json', 'cut.pb'].map(
        async (name) => (await opened(path.join(temp.dir, name), onThread)).result,
      ),
    );
    expect(results[0]).toMatchObject({
      error: expect.stringMatching(/^broken\.json: is not valid JSON: line 2, column 3:/),
    });
    expect(results[1]).toMatchObject({
      error: expect.stringMatching(/^bad-late-span\.json: .*kind/),
    });
    expect(results[2]).toMatchObject({ spanCount: 6000, warnings: [] });
    expect(results[3]).toMatchObject({ error: expect.stringMatching(/^cut\.pb: byte [\d,]+: /) });
  });

  it('keeps nothing of a file whose import is cancelled, and stops its thread', async () => {
    const filePath = await file('cancelled.json', JSON.stringify(otlpRequest(50, 400)));
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      const { result, store } = await opened(
        filePath,
        onThread,
        cancellingTrack((bytesRead) => bytesRead > 0),
      );
      expect(result).toEqual({
        fileName: 'cancelled.json',
        error: 'cancelled.json: the import was cancelled; nothing of it was kept',
      });
      expect(store.traceCount).toBe(0);
      expect(terminate).toHaveBeenCalledTimes(1);
      expect(await terminate.mock.results[0]!.value).toBe(1);
    } finally {
      terminate.mockRestore();
    }
  });

  it('reports how far it is as it reads: bytes of the file, spans so far', async () => {
    const text = JSON.stringify(otlpRequest(10, 1000));
    const filePath = await file('progress.json', text);
    const reports: [number, number][] = [];
    const track: TrackImport = (_fileName, _totalBytes, work) =>
      work({
        signal: new AbortController().signal,
        report: (bytesRead, spansRead) => reports.push([bytesRead, spansRead]),
        checkCancelled: () => {},
      });
    const { result } = await opened(filePath, onThread, track);
    expect(result).toMatchObject({ spanCount: 10_000 });
    // Several chunks, each said as it was read, never going back.
    expect(reports.length).toBeGreaterThan(2);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]![0]).toBeGreaterThanOrEqual(reports[i - 1]![0]);
      expect(reports[i]![1]).toBeGreaterThanOrEqual(reports[i - 1]![1]);
    }
    expect(reports[0]![0]).toBeLessThan(text.length);
    expect(reports.at(-1)).toEqual([text.length, 10_000]);
  });

  it('names the file when its parse thread fails', async () => {
    // Protobuf: no whole-file reader tries again after the stream reader.
    const filePath = await file('fine.pb', encodeTraceRequest(otlpRequest(2, 10)));
    const broken = await file('broken-worker.js', "throw new Error('no parser here');");
    const { result, store } = await opened(
      filePath,
      readSpansOnParseThread({ workerScript: broken, minBytes: 0 }),
    );
    expect(result).toEqual({
      fileName: 'fine.pb',
      error: 'fine.pb: could not be read (the parse thread failed: no parser here)',
    });
    expect(store.traceCount).toBe(0);
  });

  it('reads small files on this thread', async () => {
    const filePath = await file('small.json', JSON.stringify(otlpRequest(2, 10)));
    const created = vi.spyOn(Worker.prototype, 'terminate');
    try {
      const { result } = await opened(filePath, readSpansOnParseThread({ workerScript }));
      expect(result).toMatchObject({ spanCount: 20 });
      expect(created).not.toHaveBeenCalled();
    } finally {
      created.mockRestore();
    }
  });

  it('stores the first spans of an upload while the rest is on its way, and keeps nothing of one cut off', async () => {
    const bytes = Buffer.from(JSON.stringify(otlpRequest(1, 20_000)));
    const store = memoryTraceStore();
    const queue = new PieceQueue();
    const importing = importUploadedTraceFile(
      store,
      new UploadSource(bytes.length, queue),
      'up.json',
      undefined,
      onThread,
    );
    const half = Math.floor(bytes.length / 2);
    for (let at = 0; at < half; at += 65536)
      queue.push(bytes.subarray(at, Math.min(half, at + 65536)));
    const deadline = Date.now() + 10_000;
    while ((store.getSummary(hex(1, 32))?.spanCount ?? 0) === 0) {
      if (Date.now() > deadline) throw new Error('the trace was not listed while the upload came');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(store.getSummary(hex(1, 32))!.spanCount).toBeLessThan(20_000);
    queue.push(bytes.subarray(half));
    queue.end();
    expect(await importing).toMatchObject({ fileName: 'up.json', spanCount: 20_000 });

    const other = memoryTraceStore();
    const cutQueue = new PieceQueue();
    const cut = importUploadedTraceFile(
      other,
      new UploadSource(bytes.length, cutQueue),
      'cut.json',
      undefined,
      onThread,
    );
    cutQueue.push(bytes.subarray(0, half));
    cutQueue.fail(new Error('the client went away'));
    expect(await cut).toEqual({
      fileName: 'cut.json',
      error: `cut.json: the upload was cut off after ${half} of ${bytes.length} bytes (the client went away)`,
    });
    expect(other.traceCount).toBe(0);
  });
});

describe('createSpanlightCore with a parse worker', () => {
  it.runIf(availableParallelism() > 1)('opens a big file on a parse thread', async () => {
    const filePath = await file('core-big.json', JSON.stringify(otlpRequest(16, 1000)));
    const core = await createSpanlightCore({
      dataDir: path.join(temp.dir, 'core'),
      env: {},
      inMemory: true,
      parseWorkerScript: workerScript,
      parseThreadMinBytes: 1 << 20,
    });
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      const opened = await core.commands.openTraceFiles({ paths: [filePath] });
      expect(opened.files).toEqual([
        {
          fileName: filePath,
          format: 'otlp-json',
          traceIds: Array.from({ length: 16 }, (_, i) => hex(i + 1, 32)),
          spanCount: 16_000,
          duplicateSpanCount: 0,
          warnings: [],
        },
      ]);
      expect(terminate).toHaveBeenCalledTimes(1);
      expect(core.store.getSummary(hex(16, 32))?.spanCount).toBe(1000);
    } finally {
      terminate.mockRestore();
      await core.close();
    }
  });
});

describe('runParseJob', () => {
  /** A job on a channel of this thread: what it sends, and a way to answer it. */
  function startJob(job: Parameters<typeof runParseJob>[1]) {
    const { port1, port2 } = new MessageChannel();
    const received: FromParseThread[] = [];
    let changed: () => void = () => {};
    port2.on('message', (message: FromParseThread) => {
      received.push(message);
      changed();
    });
    const done = runParseJob(port1, job);
    const until = async (condition: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise<void>((resolve) => {
          changed = resolve;
          setTimeout(resolve, 50);
        });
      }
    };
    const send = (message: ToParseThread) => port2.postMessage(message);
    const close = () => {
      port1.close();
      port2.close();
    };
    return { received, until, send, done, close };
  }
  const batches = (messages: readonly FromParseThread[]) =>
    messages.filter((message) => message.type === 'batch' && message.batch);

  it(`waits while ${MAX_UNSTORED_BATCHES} of its batches are not stored, then reads on`, async () => {
    const text = JSON.stringify(otlpRequest(40, 500));
    const filePath = await file('held-back.json', text);
    const job = startJob({
      choice: { format: 'otlp-json' },
      file: { path: filePath, size: text.length },
    });
    try {
      await job.until(() => batches(job.received).length === MAX_UNSTORED_BATCHES);
      // Time enough to read all of it, were it not held back.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(batches(job.received)).toHaveLength(MAX_UNSTORED_BATCHES);
      const last = job.received.at(-1)!;
      expect(last.type === 'batch' && last.progress.bytesRead).toBeLessThan(text.length / 2);
      job.send({ type: 'stored' });
      await job.until(() => batches(job.received).length === MAX_UNSTORED_BATCHES + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(batches(job.received)).toHaveLength(MAX_UNSTORED_BATCHES + 1);
      // Stored as they come: the rest, up to the end.
      for (;;) {
        const unanswered = batches(job.received).length;
        job.send({ type: 'stored' });
        await job.until(
          () => batches(job.received).length > unanswered || job.received.at(-1)!.type === 'end',
        );
        if (job.received.at(-1)!.type === 'end') break;
      }
      const spans = batches(job.received).reduce(
        (sum, message) => sum + (message.type === 'batch' ? message.batch!.spanCount : 0),
        0,
      );
      expect(spans).toBe(20_000);
      // The file's first spans on their own (to be stored before the rest), then full batches.
      expect(batches(job.received).length).toBe(20_000 / BATCH_SPANS + 1);
      expect(batches(job.received)[0]).toMatchObject({ first: true });
      expect(batches(job.received).filter((message) => 'first' in message)).toHaveLength(1);
      expect(job.received.at(-1)).toMatchObject({
        type: 'end',
        format: 'otlp-json',
        progress: { bytesRead: text.length, spansRead: 20_000 },
      });
    } finally {
      job.close();
    }
  });

  it('reads the chunks it is sent, says when it took each, and sends a bad file’s error with where', async () => {
    const job = startJob({ choice: { format: 'otlp-json' } });
    try {
      const text = JSON.stringify(otlpRequest(1, 10));
      job.send({ type: 'chunk', bytes: Buffer.from(text.slice(0, 100)) });
      job.send({ type: 'chunk', bytes: Buffer.from(text.slice(100, -3)) });
      job.send({ type: 'chunksEnd' });
      await job.until(() => job.received.some((message) => message.type === 'failed'));
      expect(job.received.filter((message) => message.type === 'chunkRead')).toHaveLength(2);
      expect(job.received.at(-1)).toMatchObject({
        type: 'failed',
        error: { name: 'StreamSyntaxError', offset: text.length - 3 },
      });
      await job.done;
    } finally {
      job.close();
    }
  });
});
