// Resource use of a child process (Linux /proc), for benchmarks that run a server in its own process.
import { readFile } from 'node:fs/promises';

/** Peak resident set (VmHWM) in MiB; NaN when unavailable. */
export async function peakRssOf(pid: number | undefined): Promise<number> {
  const status = pid === undefined ? '' : await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) / 1024;
}

/**
 * CPU time (user + system) in ms of a process (all threads), or of one of its threads (`tid`; the
 * main thread's id is the pid); clock ticks are 10 ms (USER_HZ 100). NaN when unavailable.
 */
export async function cpuMsOf(pid: number | undefined, tid?: number): Promise<number> {
  const path = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
  const stat = pid === undefined ? '' : await readFile(path, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length < 15 ? Number.NaN : (Number(fields[11]) + Number(fields[12])) * 10;
}
