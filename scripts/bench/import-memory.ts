// What importing a big trace file costs in memory: writes the synthetic trace of N spans
// (test/e2e/synthetic-trace.ts) as OTLP JSON, unless --file names one already written, then opens it
// into a fresh trace database in this process (openTraceFile) and prints one JSON line: the
// import's time, the peak resident set (VmHWM, which includes writing the file unless --file is
// given), and after a full GC the resident set, the V8 heap and the memory outside it (typed arrays'
// contents), with their bytes per span. --viewer then builds the trace's outline and find index as
// the core does ahead for a big trace (the outline is let go after, as the host sends it) and
// measures again; --twice opens the same file again (its spans are held back until the file's end,
// the trace being stored already).
// Usage: npm run bench:import-memory [-- --spans 100000 --file /tmp/trace.json --viewer --twice]
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openTraceStore } from '../../app/storage/open-trace-store';
import { openTraceFile } from '../../app/trace-files/trace-files';
import { FindIndexCache } from '../../app/viewer/find-index-cache';
import { OutlineCache } from '../../app/viewer/outline-cache';
import { syntheticShape, writeSyntheticTrace } from '../../test/e2e/synthetic-trace';

v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const { values } = parseArgs({
  options: {
    spans: { type: 'string', default: '100000' },
    file: { type: 'string' },
    viewer: { type: 'boolean', default: false },
    twice: { type: 'boolean', default: false },
  },
});

const megabytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function peakRssMb(): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return kb === undefined ? -1 : Math.round(Number(kb) / 1024);
}

/** A full GC (twice, so what finalizers freed goes too), then the resident set and the heap. */
function settled(spans: number) {
  collect();
  collect();
  const memory = process.memoryUsage();
  return {
    rssMb: megabytes(memory.rss),
    heapUsedMb: megabytes(memory.heapUsed),
    heapTotalMb: megabytes(memory.heapTotal),
    // Typed arrays' contents live outside the V8 heap.
    externalMb: megabytes(memory.external),
    bytesPerSpan: Math.round((memory.heapUsed + memory.external) / spans),
  };
}

async function main(): Promise<void> {
  const spans = Number(values.spans);
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-import-memory-'));
  const file = values.file ?? path.join(dir, 'trace.json');
  if (!existsSync(file)) await writeSyntheticTrace(file, syntheticShape(spans));
  const { store } = await openTraceStore({ dataDir: path.join(dir, 'data') });
  const startRssMb = settled(spans).rssMb;
  const started = performance.now();
  const result = await openTraceFile(store, file);
  const importMs = Math.round(performance.now() - started);
  if ('error' in result) throw new Error(result.error);
  const report: Record<string, unknown> = {
    spans,
    importMs,
    usPerSpan: Math.round((importMs * 1000 * 10) / spans) / 10,
    startRssMb,
    importPeakRssMb: peakRssMb(),
    afterImport: settled(spans),
  };
  if (values.viewer) {
    const traceId = result.traceIds[0]!;
    const outlines = new OutlineCache(store, { warmFromSpans: Infinity });
    const finds = new FindIndexCache(store, { warmFromSpans: Infinity });
    const outlineStarted = performance.now();
    const outlineSpans = outlines.get(traceId)?.parents.length;
    const findStarted = performance.now();
    finds.findSpans(traceId, 'checkout');
    report.viewer = {
      outlineMs: Math.round(findStarted - outlineStarted),
      findIndexMs: Math.round(performance.now() - findStarted),
      outlineSpans,
      peakRssMb: peakRssMb(),
      ...settled(spans),
    };
    outlines.close();
    finds.close();
  }
  if (values.twice) {
    const againStarted = performance.now();
    const again = await openTraceFile(store, file);
    report.again = {
      importMs: Math.round(performance.now() - againStarted),
      spanCount: 'error' in again ? again.error : again.spanCount,
      peakRssMb: peakRssMb(),
      ...settled(spans),
    };
  }
  console.log(JSON.stringify(report));
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

void main();
