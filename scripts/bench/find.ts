// Find in trace in the core: `npm run bench:find -- --spans 100000,1000000` imports bench:viewer's
// synthetic trace into an in-memory core, waits until it has built the trace's find index ahead
// (as it does for big traces), and times the findSpans command: the first query (one match, the
// last span's url.path), one with many matches, and the first again. Prints JSON per size.
// `--cold`: the core builds no index ahead (SPANLIGHT_PREBUILD_OUTLINES=0), so the first query
// builds it: its time is the index's build time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSpanlightCore } from '../../app/spanlight-core';
import { syntheticShape, writeSyntheticTrace } from '../../test/e2e/synthetic-trace';

const round = (ms: number) => Math.round(ms * 10) / 10;

async function benchSize(spanCount: number, cold: boolean): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-find-bench-'));
  try {
    const shape = syntheticShape(spanCount);
    const file = path.join(dir, 'trace.json');
    await writeSyntheticTrace(file, shape);
    const core = await createSpanlightCore({
      dataDir: dir,
      env: cold ? { SPANLIGHT_PREBUILD_OUTLINES: '0' } : {},
      inMemory: true,
    });
    try {
      const importStart = performance.now();
      await core.commands.importTraceFile({ path: file, fileName: 'trace.json' });
      const importMs = performance.now() - importStart;
      // The index is built a moment after the trace's last change; give it time to finish.
      await new Promise((resolve) => setTimeout(resolve, 1_000 + spanCount / 100));
      const time = async (query: string) => {
        const start = performance.now();
        const { spanIds } = await core.commands.findSpans({ traceId: shape.traceId, query });
        return { ms: round(performance.now() - start), matches: spanIds.length };
      };
      const oneMatch = await time(`/api/items/${spanCount - 1}`);
      const manyMatches = await time('retry');
      const again = await time(`/api/items/${spanCount - 1}`);
      return {
        spans: spanCount,
        cold,
        importMs: Math.round(importMs),
        findOneMatchMs: oneMatch.ms,
        findOneMatch: oneMatch.matches,
        findManyMs: manyMatches.ms,
        findMany: manyMatches.matches,
        findAgainMs: again.ms,
        rssMB: Math.round(process.memoryUsage().rss / 1e6),
      };
    } finally {
      await core.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--spans');
  const sizes = (at >= 0 ? process.argv[at + 1]! : '100000').split(',').map(Number);
  for (const size of sizes)
    console.log(JSON.stringify(await benchSize(size, process.argv.includes('--cold'))));
}

void main();
