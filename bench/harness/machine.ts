import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export type Machine = Record<string, string>;

function distro(): string | null {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** CPU, memory, OS and Node of this machine; workloads add more (e.g. the PostgreSQL version). */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  const name = distro();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: String(os.availableParallelism()),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${name ? `${name}, ` : ''}${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** One line, e.g. "Intel Xeon … × 2 · 7.8 GiB · Debian … · Node v20.20.2 · PostgreSQL 17.2". */
export function machineLine(m: Machine): string {
  const { cpu, cpus, memory, os: system, node, ...rest } = m;
  const extra = Object.entries(rest).map(([k, v]) => `${k} ${v}`);
  return [`${cpu} × ${cpus}`, memory, system, `Node ${node}`, ...extra].join(' · ');
}

/** CPU-seconds all processes on the machine have used since boot (from the per-CPU times). */
export function machineBusySeconds(): number {
  let ms = 0;
  for (const { times } of os.cpus()) ms += times.user + times.nice + times.sys + times.irq;
  return ms / 1000;
}

let clockTicks: number | undefined;

/** Kernel clock ticks per second, the unit of the CPU times in /proc (almost always 100). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU-seconds (user + system) another process has used so far, from /proc/<pid>/stat; null where there is
 * no /proc (not Linux) or the process is gone. For servers that cannot answer over IPC (not forked by us).
 */
export function processCpuSeconds(pid: number): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return (utime + stime) / ticksPerSecond();
}
