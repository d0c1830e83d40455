import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceImportProgress } from '../../../app/model/trace-files';
import { importProgressText } from '../../../app/model/trace-files';
import type { TraceFileSource } from '../../../app/trace-files/trace-file-source';
import type { TraceFileStreamReader } from '../../../app/trace-files/trace-file-stream-reader';
import {
  FIRST_PART_BYTES,
  openTraceFile,
  SLICE_BYTES,
  streamTraceFile,
} from '../../../app/trace-files/trace-files';
import { ImportCancelledError, TraceImports } from '../../../app/trace-files/trace-imports';
import { makeTempDir } from '../../helpers/temp-dir';
import { memoryTraceStore } from '../../helpers/trace-store';

/**
 * An OTLP JSON file of `count` spans in one trace, each padded so the file spans many chunks; with
 * `resource`, also a scope, both before the spans (as writers put them).
 */
function bigFile(count: number, resource?: object): string {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: 'abcdefabcdefabcdefabcdefabcdef11',
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: `span ${i}`,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000000001000',
    attributes: [{ key: 'padding', value: { stringValue: 'x'.repeat(1000) } }],
  }));
  return JSON.stringify({
    resourceSpans: [
      {
        ...(resource && { resource }),
        scopeSpans: [{ ...(resource && { scope: { name: 'big' } }), spans }],
      },
    ],
  });
}

describe('TraceImports', () => {
  it('reports progress only after half a second, at most every 200 ms, and says when it is done', async () => {
    let clock = 0;
    const events: TraceImportProgress[] = [];
    const imports = new TraceImports(
      (progress) => events.push(progress),
      () => clock,
    );
    await imports.run('a.json', 1000, async (tracker) => {
      for (const at of [100, 400, 600, 700, 850, 900]) {
        clock = at;
        tracker.report(at, at / 10);
      }
    });
    expect(events.map((event) => [event.elapsedMs, event.bytesRead, event.done])).toEqual([
      [600, 600, false],
      [850, 850, false],
      [900, 900, true],
    ]);
    expect(events[0]).toMatchObject({ importId: 'import-1', fileName: 'a.json', totalBytes: 1000 });
  });

  it('sends nothing for a quick import', async () => {
    const events: TraceImportProgress[] = [];
    const imports = new TraceImports(
      (progress) => events.push(progress),
      () => 0,
    );
    await imports.run('a.json', 10, async (tracker) => tracker.report(10, 1));
    expect(events).toEqual([]);
  });

  it('cancels a running import by its id, and only that one', async () => {
    const imports = new TraceImports(() => {});
    let release = () => {};
    const running = imports.run('a.json', 1, async (tracker) => {
      await new Promise<void>((resolve) => (release = resolve));
      tracker.checkCancelled();
      return 'finished';
    });
    expect(imports.cancel('import-9')).toBe(false);
    expect(imports.cancel('import-1')).toBe(true);
    release();
    await expect(running).rejects.toThrow(ImportCancelledError);
    expect(imports.cancel('import-1')).toBe(false);
  });
});

describe('openTraceFile with Cancel', () => {
  it('keeps nothing of a file whose import is cancelled while it is read', async () => {
    const temp = await makeTempDir();
    try {
      const file = path.join(temp.dir, 'big.json');
      await writeFile(file, bigFile(5000));
      const store = memoryTraceStore();
      const imports = new TraceImports(() => {});
      let reports = 0;
      const result = await openTraceFile(store, file, 'big.json', (fileName, total, work) =>
        imports.run(fileName, total, (tracker) =>
          work({
            ...tracker,
            report: (bytes, spans) => {
              tracker.report(bytes, spans);
              if (++reports === 2) imports.cancel('import-1');
            },
          }),
        ),
      );
      expect(result).toEqual({
        fileName: 'big.json',
        error: 'big.json: the import was cancelled; nothing of it was kept',
      });
      expect(store.listTraces()).toEqual([]);
    } finally {
      await temp.cleanup();
    }
  });
});

describe('importProgressText', () => {
  it('says how far, how many spans and about how long is left', () => {
    expect(
      importProgressText({
        importId: 'import-1',
        fileName: 'x.json',
        bytesRead: 300e6,
        totalBytes: 673e6,
        spansRead: 450_000,
        elapsedMs: 4000,
        done: false,
      }),
    ).toBe('44% (300 MB of 673 MB), 450,000 spans, about 5 s left');
  });
});

const SERVICE = { attributes: [{ key: 'service.name', value: { stringValue: 'big' } }] };

describe('openTraceFile, for what the user does meanwhile', () => {
  it("stores a file's first spans before it reads the rest of its first chunk", async () => {
    const temp = await makeTempDir();
    try {
      const file = path.join(temp.dir, 'big.json');
      // The resource first, so that spans can be stored as they are read (see otlp-json-stream.ts).
      await writeFile(file, bigFile(3000, SERVICE));
      const store = memoryTraceStore();
      const storedAtChanges: number[] = [];
      store.subscribe(() => storedAtChanges.push(store.spanCount));
      const result = await openTraceFile(store, file, 'big.json', (_name, _total, work) =>
        new TraceImports(() => {}).run('big.json', 0, work),
      );
      expect(result).toMatchObject({ spanCount: 3000 });
      // About 1.1 KB a span: the first 64 KB hold some fifty, the first megabyte some nine hundred.
      expect(storedAtChanges[0]).toBeGreaterThan(0);
      expect(storedAtChanges[0]).toBeLessThanOrEqual(FIRST_PART_BYTES / 1000);
    } finally {
      await temp.cleanup();
    }
  });

  it('reads a chunk in slices, the thread free for other work between them', async () => {
    let turns = 0;
    let reading = true;
    const tick = () => {
      turns += 1;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    const chunk = Buffer.alloc(4 * SLICE_BYTES + FIRST_PART_BYTES, 0x20);
    const writes: { bytes: number; turn: number }[] = [];
    const reader: TraceFileStreamReader = {
      write: (bytes) => void writes.push({ bytes: bytes.length, turn: turns }),
      takeSpans: () => [],
      progress: { bytesRead: 0, spansRead: 0 },
      end: () => ({ format: 'otlp-json', spans: [], warnings: [] }),
    };
    const source: TraceFileSource = {
      size: chunk.length,
      head: async (bytes) => chunk.subarray(0, bytes),
      chunks: async function* () {
        yield chunk;
      },
      text: async () => chunk.toString(),
    };
    const tracker = { signal: new AbortController().signal, report() {}, checkCancelled() {} };
    await streamTraceFile(memoryTraceStore(), source, 'spaces.json', reader, tracker);
    reading = false;
    expect(writes.map((write) => write.bytes)).toEqual([
      FIRST_PART_BYTES,
      SLICE_BYTES,
      SLICE_BYTES,
      SLICE_BYTES,
      SLICE_BYTES,
    ]);
    // Each slice in a later turn of the event loop than the one before (the first part held no
    // spans to store, so the first slice follows it at once).
    for (let i = 2; i < writes.length; i++)
      expect(writes[i]!.turn).toBeGreaterThan(writes[i - 1]!.turn);
  });
});
