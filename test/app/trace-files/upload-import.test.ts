import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { PieceQueue } from '../../../app/trace-files/piece-queue';
import { importUploadedTraceFile } from '../../../app/trace-files/trace-files';
import { UploadSource } from '../../../app/trace-files/upload-source';
import { memoryTraceStore } from '../../helpers/trace-store';

const TRACE_ID = 'abcdefabcdefabcdefabcdefabcdef21';

/** An OTLP JSON file of `count` spans in one trace, each padded so the file is a few MB. */
function otlpFile(count: number): Buffer {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: TRACE_ID,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    ...(i > 0 && { parentSpanId: '0000000000000001' }),
    name: `span ${i}`,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000000001000',
    attributes: [{ key: 'padding', value: { stringValue: 'x'.repeat(300) } }],
  }));
  return Buffer.from(
    JSON.stringify({
      resourceSpans: [
        { resource: { attributes: [] }, scopeSpans: [{ scope: { name: 's' }, spans }] },
      ],
    }),
  );
}

const uploadDirs = async () =>
  (await readdir(tmpdir())).filter((name) => name.startsWith('spanlight-upload-'));

/** Pushes `bytes` into `queue` in pieces of `pieceBytes`, from `from` to `to`. */
function pushRange(queue: PieceQueue, bytes: Buffer, from: number, to: number, pieceBytes = 65536) {
  for (let at = from; at < to; at += pieceBytes)
    queue.push(bytes.subarray(at, Math.min(to, at + pieceBytes)));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('importUploadedTraceFile', () => {
  it('stores the first spans while the rest of the upload is still on its way', async () => {
    const before = await uploadDirs();
    const file = otlpFile(20_000);
    const store = memoryTraceStore();
    const queue = new PieceQueue();
    const importing = importUploadedTraceFile(
      store,
      new UploadSource(file.length, queue),
      'up.json',
    );
    pushRange(queue, file, 0, file.length / 2);
    // Half the file is here, the other half not yet: the trace is already in the store.
    await until(() => (store.getSummary(TRACE_ID)?.spanCount ?? 0) > 0, 'the trace is listed');
    const listedWith = store.getSummary(TRACE_ID)!.spanCount;
    expect(listedWith).toBeLessThan(20_000);
    pushRange(queue, file, file.length / 2, file.length);
    queue.end();
    expect(await importing).toEqual({
      fileName: 'up.json',
      format: 'otlp-json',
      traceIds: [TRACE_ID],
      spanCount: 20_000,
      duplicateSpanCount: 0,
      warnings: [],
    });
    expect(store.getSummary(TRACE_ID)?.spanCount).toBe(20_000);
    expect(await uploadDirs()).toEqual(before);
  });

  it('keeps nothing of an upload cut off on its way, and says how much came', async () => {
    const file = otlpFile(20_000);
    const store = memoryTraceStore();
    const queue = new PieceQueue();
    const importing = importUploadedTraceFile(
      store,
      new UploadSource(file.length, queue),
      'cut.json',
    );
    pushRange(queue, file, 0, 3_000_000);
    await until(() => (store.getSummary(TRACE_ID)?.spanCount ?? 0) > 0, 'spans are stored');
    queue.fail(new Error('the request body was cut off'));
    const result = await importing;
    expect(result).toEqual({
      fileName: 'cut.json',
      error: `cut.json: the upload was cut off after 3000000 of ${file.length} bytes (the request body was cut off)`,
    });
    expect(store.listTraces()).toEqual([]);
  });

  it('refuses an upload that holds more than it said', async () => {
    const file = otlpFile(100);
    const queue = new PieceQueue();
    pushRange(queue, file, 0, file.length);
    queue.end();
    const store = memoryTraceStore();
    const result = await importUploadedTraceFile(
      store,
      new UploadSource(file.length - 10, queue),
      'long.json',
    );
    expect(result).toEqual({
      fileName: 'long.json',
      error: `long.json: the upload holds more than the ${file.length - 10} bytes it said`,
    });
    expect(store.listTraces()).toEqual([]);
  });

  it('reads a Jaeger JSON upload as it arrives too, trace by trace', async () => {
    const traceId = (t: number) =>
      `abcdefabcdefabcdefabcdef000000${t.toString(16).padStart(2, '0')}`;
    const data = Array.from({ length: 20 }, (_, t) => ({
      traceID: traceId(t),
      processes: { p1: { serviceName: 'svc', tags: [] } },
      spans: Array.from({ length: 1000 }, (_, i) => ({
        traceID: traceId(t),
        spanID: (i + 1).toString(16).padStart(16, '0'),
        operationName: `op ${i}`,
        references: [],
        startTime: 1_700_000_000_000_000 + i,
        duration: 10,
        tags: [{ key: 'padding', type: 'string', value: 'x'.repeat(300) }],
        logs: [],
        processID: 'p1',
      })),
    }));
    const file = Buffer.from(JSON.stringify({ data }));
    const queue = new PieceQueue();
    const store = memoryTraceStore();
    const importing = importUploadedTraceFile(
      store,
      new UploadSource(file.length, queue),
      'jaeger.json',
    );
    pushRange(queue, file, 0, file.length / 2);
    await until(() => store.getSummary(traceId(0)) !== undefined, 'the first trace is listed');
    expect(store.getSummary(traceId(19))).toBeUndefined();
    pushRange(queue, file, file.length / 2, file.length);
    queue.end();
    expect(await importing).toMatchObject({
      fileName: 'jaeger.json',
      format: 'jaeger-json',
      spanCount: 20_000,
    });
  });

  it('reads an upload again, once complete, when no stream reader takes it (an api/v3 answer)', async () => {
    const request = JSON.parse(otlpFile(300).toString()) as unknown;
    const file = Buffer.from(JSON.stringify({ result: request }));
    const queue = new PieceQueue();
    const store = memoryTraceStore();
    const importing = importUploadedTraceFile(
      store,
      new UploadSource(file.length, queue),
      'answer.json',
    );
    pushRange(queue, file, 0, file.length, 1000);
    queue.end();
    expect(await importing).toMatchObject({ fileName: 'answer.json', spanCount: 300 });
    expect(store.getSummary(TRACE_ID)?.spanCount).toBe(300);
  });

  it('stops taking an upload whose start is no trace file, and drops the rest', async () => {
    const before = await uploadDirs();
    let stopped = false;
    const queue = new PieceQueue({ stopped: () => (stopped = true) });
    const start = Buffer.from(`hello, this is not a trace file ${'.'.repeat(70_000)}`);
    queue.push(start);
    const store = memoryTraceStore();
    const result = await importUploadedTraceFile(
      store,
      new UploadSource(start.length + 1_000_000, queue),
      'notes.txt',
    );
    expect(result).toMatchObject({ fileName: 'notes.txt' });
    expect((result as { error: string }).error).toMatch(/^notes\.txt: is not JSON/);
    expect(stopped).toBe(true);
    queue.push(Buffer.alloc(1000));
    expect(queue.queuedBytes).toBe(0);
    expect(await uploadDirs()).toEqual(before);
  });
});
