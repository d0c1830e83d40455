// glibc's malloc settings for the web host, which glibc reads only when a process starts: on Linux
// the host starts itself again at once (same process id, execve) with them in GLIBC_TUNABLES.
//
// Why: glibc raises its mmap threshold to the size of each large block freed (up to 32 MB), so the
// core's 1 MB file reads and the byte arrays of an import end up inside the worker thread's malloc
// arena, and once freed they stay resident: after a 100,000-span --open the arena held 64 MB for
// 36 MB in use. An upload's 64 KB socket reads did the same to the main thread's heap (49 MB
// resident after a 67 MB upload, 4 MB before it). With the threshold fixed at 64 KB, every block
// that size or larger is its own mapping, given back when it is freed. Host RSS settled after
// uploading the 100,000-span synthetic trace (.tmp Playwright script, 12 s after its rows showed):
// 191 MB without, 144 MB with it; bench:viewer --spans 100000 --path open (128 KB, two runs, load
// 2-5): 202-211 -> 144-148 MB. Receiving costs no more: bench:ingest --no-jaeger --no-browser, four
// alternated runs each (load 5-6), host CPU per 1,000 spans 14.7 / 15.5 (HTTP protobuf / gRPC) at
// 64 KB, 15.6 / 16.9 at 128 KB; at load 1.5-4.5, 11.5 / 12.0 at 128 KB and 12.5 / 14.3 without.
import { url as inspectorUrl } from 'node:inspector';

/** What the web host runs with: blocks of 64 KB and more are mapped, and unmapped when freed. */
export const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=65536';

/**
 * GLIBC_TUNABLES with ours added to what the user set (theirs win), or undefined when it already
 * says how the mmap threshold is to be set.
 */
export function withMallocTunables(current: string | undefined): string | undefined {
  if (current?.split(':').some((tunable) => tunable.startsWith('glibc.malloc.mmap_threshold=')))
    return undefined;
  return current ? `${MALLOC_TUNABLES}:${current}` : MALLOC_TUNABLES;
}

/** The process image again, with the tunables; returns only where that is not possible or needed. */
export function restartWithMallocTunables(): void {
  if (process.platform !== 'linux' || typeof process.execve !== 'function') return;
  // A debugger attached to this image would lose it.
  if (inspectorUrl() !== undefined) return;
  const tunables = withMallocTunables(process.env.GLIBC_TUNABLES);
  if (tunables === undefined) return;
  try {
    process.execve(
      process.execPath,
      [process.execPath, ...process.execArgv, ...process.argv.slice(1)],
      { ...process.env, GLIBC_TUNABLES: tunables },
    );
  } catch (error) {
    // Only memory is at stake: the host runs on as it was started.
    console.warn(`Spanlight: could not restart with ${tunables}: ${(error as Error).message}`);
  }
}
