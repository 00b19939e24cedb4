/** Child processes for benchmark servers and isolated runs: start, wait for readiness, read peak RSS, stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { tasksetPrefix } from './affinity.ts';

export interface Child {
  proc: ChildProcess;
  /** The first JSON line the child printed (servers print their URLs), if any. */
  info: Record<string, unknown>;
  /** Peak resident set size so far, in MB (VmHWM from /proc), or null when unavailable. */
  peakRssMb(): number | null;
  stop(): Promise<void>;
  stderr(): string;
}

export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Spawns a child and resolves once it printed a JSON line on stdout (`waitFor: 'json'`) or once `url`
 * answers HTTP (`waitFor: {url}`). Rejects with the child's stderr when it exits first or times out.
 */
export async function startChild(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; waitFor: 'json' | { url: string }; timeoutMs?: number },
): Promise<Child> {
  const proc = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-8000); });
  let info: Record<string, unknown> = {};
  const lines = createInterface({ input: proc.stdout! });
  const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited with ${code} before it was ready: ${err.trim().slice(-2000)}`))));
  const ready = opts.waitFor === 'json'
    ? new Promise<void>((resolve) => lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      try { info = JSON.parse(line); resolve(); } catch { /* not ours */ }
    }))
    : pollUrl(opts.waitFor.url);
  lines.on('line', () => {}); // keep draining stdout
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${cmd} not ready after ${timeoutMs} ms: ${err.trim().slice(-2000)}`)), timeoutMs); });
  const child: Child = {
    proc,
    get info() { return info; },
    peakRssMb: () => peakRssMb(proc.pid),
    stderr: () => err,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
    }),
  };
  try {
    await Promise.race([ready, exited, timeout]);
  } catch (e) {
    await child.stop();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  exited.catch(() => {});
  return child;
}

async function pollUrl(url: string): Promise<void> {
  for (;;) {
    try {
      const res = await request(url, { method: 'GET', headersTimeout: 1000, bodyTimeout: 1000 });
      await res.body.dump();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Runs a command to completion; resolves with exit code, wall ms, stdout/stderr tails and the peak RSS seen. */
export function runToEnd(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number | null; ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const proc = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-200_000); });
    proc.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-20_000); });
    const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0, stdout: out, stderr: err });
    });
  });
}

/**
 * Runs one bench/servers/engine-run.ts job in a fresh process; resolves with its JSON result. With `cpus`
 * (and taskset available) the process is started pinned to those CPUs (`taskset -c cpus node …`).
 */
export async function runJob(root: string, job: Record<string, unknown>, timeoutMs = 600_000, nodeFlags: string[] = [], cpus?: string): Promise<Record<string, any>> {
  const [cmd, ...pre] = [...tasksetPrefix(cpus), process.execPath];
  const r = await runToEnd(cmd, [...pre, ...nodeFlags, '--import', 'tsx', `${root}/bench/servers/engine-run.ts`, JSON.stringify(job)], { cwd: root, timeoutMs });
  const line = r.stdout.split('\n').reverse().find((l) => l.startsWith('{'));
  if (r.code !== 0 || !line) {
    const why = (r.stderr || r.stdout).trim().split('\n').filter((l) => !/^\s+at /.test(l)).slice(0, 6).join('\n');
    throw new Error(`${String(job.mode)} job failed (exit ${r.code}):\n${why}`);
  }
  return JSON.parse(line);
}
