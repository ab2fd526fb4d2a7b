/** CPU time of threads from /proc (Linux): user + system, in ms (clock ticks of 10 ms). */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

/** CPU ms of one thread of a process (0 when it is gone). */
export function threadCpuMs(pid: number, tid: number): number {
  try {
    return cpuOfStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
  } catch {
    return 0;
  }
}

/** CPU ms of a whole process, its threads summed. */
export function processCpuMs(pid: number): number {
  try {
    return cpuOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return 0;
  }
}

/** The threads of a process whose name (comm) starts with `name`. */
export function threadsNamed(pid: number, name: string): number[] {
  const out: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith(name)) out.push(Number(tid));
    } catch {
      // gone
    }
  }
  return out;
}

function cpuOfStat(stat: string): number {
  // Fields after the command name (which may hold spaces), from its closing parenthesis: utime is the 14th field, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
