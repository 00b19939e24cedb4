/**
 * CPU pinning (taskset) and per-process CPU time (/proc/<pid>/stat) for the throughput sections: on a small
 * machine the load generator and the server otherwise compete for the same cores, and the measurement is
 * as much the scheduler's as the server's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const TASKSET_PATHS = ['/usr/bin/taskset', '/bin/taskset', '/usr/local/bin/taskset'];

/** The CPU list a process may run on (Cpus_allowed_list of /proc/<pid>/status, e.g. "0-1"), or null. */
export function allowedCpus(pid: number): string | null {
  try {
    const m = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? m[1] : null;
  } catch {
    return null;
  }
}

/** "0-2,5" -> [0, 1, 2, 5]. */
export function parseCpuList(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a)) continue;
    for (let c = a; c <= (Number.isInteger(b) ? b : a); c++) out.push(c);
  }
  return out;
}

export interface Pinning {
  /** The taskset binary, or null when pinning is off. */
  taskset: string | null;
  /** Why pinning is off, or the layout when it is on (for the Method notes). */
  why: string;
}

let cached: Pinning | undefined;

/** Pinning is on when taskset exists, the machine has >= 2 cores and this process may run on CPUs 0 and 1. */
export function pinning(): Pinning {
  if (cached) return cached;
  const taskset = TASKSET_PATHS.find((p) => existsSync(p)) ?? null;
  const cores = availableParallelism();
  const allowed = parseCpuList(allowedCpus(process.pid) ?? '');
  if (!taskset) cached = { taskset: null, why: 'taskset not found' };
  else if (cores < 2) cached = { taskset: null, why: `${cores} core available` };
  else if (!allowed.includes(0) || !allowed.includes(1)) cached = { taskset: null, why: `this process may not run on CPUs 0 and 1 (allowed: ${allowed.join(',') || 'unknown'})` };
  else if (spawnSync(taskset, ['-p', String(process.pid)], { stdio: 'ignore' }).status !== 0) cached = { taskset: null, why: `${taskset} -p fails here` };
  else cached = { taskset, why: `taskset at ${taskset}, ${cores} cores` };
  return cached;
}

/** The live descendants of pid (by PPid in /proc/<n>/stat), children first. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (!f) continue;
    const pp = Number(f[1]);
    (parent.get(pp) ?? parent.set(pp, []).get(pp)!).push(Number(name));
  }
  const out: number[] = [];
  const walk = (p: number) => { for (const c of parent.get(p) ?? []) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}

/** The fields of /proc/<pid>/stat after the command name: [state, ppid, pgrp, …] (field 3 onwards), or null. */
function statFields(pid: number): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * Sets the CPU affinity of every thread of pid (`taskset -a -p -c cpus`) and, with `tree`, of its live
 * descendants. Threads and children created later inherit it. Throws when taskset fails.
 */
export function pinTree(pid: number, cpus: string, tree = true): void {
  const { taskset } = pinning();
  if (!taskset) throw new Error('pinning is not available');
  for (const p of tree ? [pid, ...descendants(pid)] : [pid]) {
    const r = spawnSync(taskset, ['-a', '-p', '-c', cpus, String(p)], { encoding: 'utf8' });
    if (r.status !== 0 && existsSync(`/proc/${p}`)) throw new Error(`taskset -a -p -c ${cpus} ${p} failed: ${r.stderr.trim()}`);
  }
}

/**
 * Pins this process (every thread, not its children: the servers it started keep theirs) to `cpus`;
 * returns a function that restores the affinity it had.
 */
export function pinSelf(cpus: string): () => void {
  const before = allowedCpus(process.pid);
  pinTree(process.pid, cpus, false);
  return () => { if (before) pinTree(process.pid, before, false); };
}

/** Prefix for spawning a pinned command: ['taskset', '-c', cpus] when pinning is on, [] otherwise. */
export function tasksetPrefix(cpus: string | undefined): string[] {
  const { taskset } = pinning();
  return cpus && taskset ? [taskset, '-c', cpus] : [];
}

let clkTck: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 when it cannot be read). */
export function clockTicks(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/**
 * CPU time (user + system, every thread) of pid and its live descendants so far, in seconds; null when
 * /proc cannot be read. Read before and after a run: the difference is what the server spent on it.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  const own = statFields(pid);
  if (!own) return null;
  let ticks = 0;
  for (const p of [pid, ...descendants(pid)]) {
    const f = p === pid ? own : statFields(p);
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, i.e. 11 and 12 after the command name
    if (f) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / clockTicks();
}

/**
 * CPU time the whole machine spent busy so far (user, nice, system, irq, softirq and steal of every CPU,
 * from the first line of /proc/stat), in seconds; null when /proc/stat cannot be read.
 */
export function machineBusySeconds(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …
    return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / clockTicks();
  } catch {
    return null;
  }
}

/**
 * Measures what runs beside a measurement: `start()` before it, `stop()` after it gives the CPU the
 * machine spent on anything but `ours` (this process and the given pids with their descendants), as a
 * percentage of one CPU over the wall time: other processes on a shared machine, idle servers waking up,
 * a hypervisor's steal. Softirq work of our own sockets is charged to our processes, so it is not counted.
 */
export function foreignCpu(pids: Array<number | undefined>): { stop(): number | null } {
  const ours = () => {
    const u = process.cpuUsage();
    let sum = (u.user + u.system) / 1e6;
    for (const p of pids) {
      if (p === undefined) continue;
      const c = cpuSeconds(p);
      if (c === null) return null;
      sum += c;
    }
    return sum;
  };
  const t0 = performance.now();
  const m0 = machineBusySeconds();
  const o0 = ours();
  return {
    stop() {
      const m1 = machineBusySeconds();
      const o1 = ours();
      const wall = (performance.now() - t0) / 1000;
      if (m0 === null || m1 === null || o0 === null || o1 === null || wall <= 0) return null;
      return Math.max(0, ((m1 - m0) - (o1 - o0)) / wall) * 100;
    },
  };
}
