// glibc's malloc settings for the web host, which glibc reads only when a process starts: on Linux
// the host starts itself again at once (same process id, execve) with them in GLIBC_TUNABLES.
//
// Why: glibc raises its mmap threshold to the size of each large block freed (up to 32 MB), so the
// core's 1 MB file reads and the byte arrays of an import end up inside the worker thread's malloc
// arena, and once freed they stay resident: after a 100,000-span --open the arena held 64 MB for
// 36 MB in use. With a fixed threshold of 128 KB (glibc's starting value; the 64 KB socket reads
// stay below it) every larger block is its own mapping, given back when it is freed: 21 MB for
// 19 MB, the host 138 MB resident instead of 178 MB (malloc_stats() through gdb, 1 run each).
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
  process.execve(
    process.execPath,
    [process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      ...process.env,
      GLIBC_TUNABLES: tunables,
    },
  );
}
