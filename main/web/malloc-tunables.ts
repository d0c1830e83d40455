// glibc's malloc settings for the web host, which glibc reads only when a process starts: on Linux
// the host starts itself again at once (same process id, execve) with them in GLIBC_TUNABLES.
//
// Why: glibc raises its mmap threshold to the size of each large block freed (up to 32 MB), so the
// core's 1 MB file reads and the byte arrays of an import end up inside the worker thread's malloc
// arena, and once freed they stay resident: after a 100,000-span --open the arena held 64 MB for
// 36 MB in use. With the threshold fixed at glibc's starting value, 128 KB, every larger block is
// its own mapping, given back when it is freed. bench:viewer --spans 100000, two runs each (load
// 2–5): host RSS settled 202–211 → 144–148 MB (--open), 215–241 → 168 MB (upload). Receiving costs
// no more: bench:ingest --no-jaeger --no-browser, four alternated runs each (load 1.5–4.5), host CPU
// per 1,000 spans 11.5 (HTTP protobuf) and 12.0 (gRPC) with it, 12.5 and 14.3 without.
import { url as inspectorUrl } from 'node:inspector';

/** What the web host runs with: blocks of 128 KB and more are mapped, and unmapped when freed. */
export const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=131072';

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
