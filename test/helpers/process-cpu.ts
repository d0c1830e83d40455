// CPU time from Linux's /proc, for the benchmarks: what a process (or each of its threads) spent,
// which a busy, shared machine disturbs far less than wall-clock time.
import { readdir, readFile } from 'node:fs/promises';

/** Linux's USER_HZ: /proc gives CPU times in these ticks. */
const CLOCK_TICKS = 100;

export interface ThreadCpu {
  /** The thread's name (/proc's comm: "node", the worker's name, "V8 DefaultWorke", "libuv-worker"…). */
  readonly name: string;
  /** User + system CPU time, ms. */
  readonly ms: number;
}

/** The name and user + system CPU time (ms) in a /proc stat line. */
function parseStat(stat: string): ThreadCpu {
  // The name is in parentheses; utime and stime are the 14th and 15th fields.
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS };
}

/** User + system CPU time of a whole process (all its threads, ended ones too), ms. */
export async function processCpuMs(pid: number): Promise<number> {
  return parseStat(await readFile(`/proc/${pid}/stat`, 'utf8')).ms;
}

/** CPU time of each thread of a process, by thread id. */
export async function threadCpuMs(pid: number): Promise<Map<string, ThreadCpu>> {
  const times = new Map<string, ThreadCpu>();
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    try {
      times.set(tid, parseStat(await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return times;
}
