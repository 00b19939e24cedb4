/**
 * One failure, one command: a `verikit run --target live` against `verikit mock` (a separate process,
 * --port-base 0) with a drift fault armed fails; the command printed for a failing case in junit.xml is
 * taken from the file, executed as printed, and reproduces the finding, freshly signed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';

const P = 'alibaba-dypnsapi-intl';
const OP = 'CheckVerification';
const CLEAN_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(ALIBABA_CLOUD_|HUAWEICLOUD_|JPUSH_)/.test(k)),
) as Record<string, string>;
const CREDS_ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret };

let mock: ChildProcess;
let url = '';

beforeAll(async () => {
  mock = spawn(process.execPath, ['bin/verikit.js', 'mock', '--port-base', '0', '--provider', P], { env: CLEAN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    mock.once('exit', (code) => reject(new Error(`mock exited early (${code})`)));
    mock.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        url = (JSON.parse(line) as { url: string }).url;
        resolve();
      }
    });
  });
});
afterAll(() => {
  mock?.kill('SIGTERM');
});

function verikit(args: string[]) {
  const child = spawn(process.execPath, ['bin/verikit.js', ...args], { env: { ...CLEAN_ENV, ...CREDS_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const control = async (method: 'POST' | 'DELETE', path: string, body?: unknown) => {
  const r = await request(`${url}/__verikit/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  await r.body.text();
  return r.statusCode;
};
const summaryOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary;
const xmlUnescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Splits a POSIX command line as printed by src/runner/repro.ts: bare words and '…' quoting (with '\'' inside). */
function shellSplit(line: string): string[] {
  const out: string[] = [];
  const re = /\s*((?:'[^']*'|\\.|[^\s'\\])+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1].replace(/'([^']*)'|\\(.)/g, (_x, q: string | undefined, e: string | undefined) => q ?? e ?? ''));
  return out;
}

const requestIdentity = async (dir: string, caseId: string) => {
  const lines = (await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { caseId: string; request: { url: string; headers: Record<string, string> } });
  const ex = lines.find((l) => l.caseId === caseId || l.caseId.startsWith(`${caseId}#`))!;
  const h = ex.request.headers;
  return `${ex.request.url} ${h['x-acs-signature-nonce'] ?? ''} ${h['x-acs-date'] ?? ''}`;
};

describe('reproduce one failing case with the printed command', () => {
  it('a case from junit.xml of a faulty live run reproduces its finding with its command; without the fault it passes', async () => {
    expect(await control('POST', 'reset')).toBe(200);
    expect(await control('POST', 'faults', { operationId: OP, kind: 'drift', mode: 'retype-field', field: 'Message', to: 42 })).toBe(201);
    const dir = await mkdtemp(join(tmpdir(), 'vk-repro-'));
    const first = await verikit(['run', '--target', 'live', '--provider', P, '--base-url', `${P}=${url}`, '--operation', OP, '--seed', '7', '--rate-limit', '500', '--report-dir', dir]);
    expect(first.code, first.stderr).toBe(1);
    const summary = await summaryOf(dir);
    expect(summary.filters).toEqual({ operations: [`${P}/${OP}`] });

    // Pick a failing case from the JUnit file and take its command from there.
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    const failures = [...junit.matchAll(/<testcase name="[^"]*\[([^\]]+)\]"[^>]*>\s*<failure [^>]*>([\s\S]*?)<\/failure>/g)].map((m) => ({ caseId: xmlUnescape(m[1]), text: xmlUnescape(m[2]) }));
    expect(failures.length).toBeGreaterThan(0);
    const picked = failures.find((f) => !f.caseId.includes('/flow/')) ?? failures[0];
    const line = picked.text.split('\n').find((l) => l.startsWith('reproduce: '))!;
    expect(line).toBeDefined();
    const argv = shellSplit(line.slice('reproduce: '.length));
    expect(argv.slice(0, 3)).toEqual(['npx', 'verikit', 'run']);
    expect(argv).toEqual(expect.arrayContaining(['--target', 'live', '--case', picked.caseId, '--seed', '7', '--base-url', `${P}=${url}`]));
    expect(line).not.toContain(TEST_CREDENTIALS.alibaba.accessKeyId);
    expect(line).not.toContain(TEST_CREDENTIALS.alibaba.accessKeySecret);
    // The terminal shows the same command.
    expect(first.stdout).toContain(line.slice('reproduce: '.length));

    const wanted = summary.findings.filter((f) => f.caseId === picked.caseId).map((f) => `${f.check} ${f.kind}`).sort();
    expect(wanted.length).toBeGreaterThan(0);

    const again = await mkdtemp(join(tmpdir(), 'vk-repro-'));
    const second = await verikit([...argv.slice(2), '--report-dir', again]);
    expect(second.code, second.stderr).toBe(1);
    const s2 = await summaryOf(again);
    expect(s2.totals.cases).toBe(1);
    expect(s2.filters).toEqual({ cases: [picked.caseId] });
    expect(s2.findings.filter((f) => f.caseId === picked.caseId).map((f) => `${f.check} ${f.kind}`).sort()).toEqual(wanted);
    // Re-signed fresh: a new nonce and date, not the recorded request replayed.
    expect(await requestIdentity(again, picked.caseId)).not.toBe(await requestIdentity(dir, picked.caseId));

    // The finding is the fault's: with the fault cleared, the same command passes.
    expect(await control('DELETE', 'faults')).toBe(200);
    const clean = await mkdtemp(join(tmpdir(), 'vk-repro-'));
    const third = await verikit([...argv.slice(2), '--report-dir', clean]);
    expect(third.code, third.stdout).toBe(0);
    expect((await summaryOf(clean)).totals).toMatchObject({ cases: 1, passed: 1 });
  }, 120_000);

  it('a flow case runs with all its steps through --case (embedded mocks)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-repro-'));
    const flow = `${P}/flow/start-read-check-approved`;
    const r = await verikit(['run', '--case', flow, '--report-dir', dir]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const s = await summaryOf(dir);
    expect(s.totals).toMatchObject({ cases: 1, passed: 1 });
    const lines = (await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { caseId: string }).caseId);
    // Both calls of the flow went out (read-code is not a request): StartVerification, then CheckVerification.
    expect(lines).toEqual([`${flow}#1`, `${flow}#3`]);
  }, 60_000);
});
