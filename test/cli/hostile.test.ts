/**
 * `verikit run --target live` against a hostile provider on loopback, as a child process (so its exit
 * code and peak memory are its own). Each mode answers every request one hostile way, for a REST
 * provider (Huawei OSM) and JVerification in the same run. Every run must end with exit 0 or 1 under
 * 512 MB RSS, write all four reports, record each request exactly once, count each case once, and
 * leave no credential, in any encoding, in any file or on the terminal.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.ts';

const CANARY = {
  HUAWEICLOUD_SDK_AK: 'CANARYHOSTILEAK00001',
  HUAWEICLOUD_SDK_SK: 'CanaryHostileSk00000000000000000000000001',
  HUAWEICLOUD_SDK_TOKEN: 'MIICanaryHostileIamToken0000000000000000001',
  JPUSH_APP_KEY: 'canary0hostile0appkey001',
  JPUSH_MASTER_SECRET: 'canary0hostile0master001',
};
const PAIR = `${CANARY.JPUSH_APP_KEY}:${CANARY.JPUSH_MASTER_SECRET}`;
const SECRETS = [...Object.values(CANARY), PAIR];
const ALLOWED = '+8613900001234';
const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(ALIBABA_CLOUD_|HUAWEICLOUD_|JPUSH_)/.test(k)),
) as Record<string, string>;

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const urlSafe = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_');
const unpad = (s: string) => s.replace(/=+$/, '');

/** Every standalone form of a credential a careless gateway may echo. */
function forms(v: string): string[] {
  const std = b64(v);
  return [v, encodeURIComponent(v), std, unpad(std), urlSafe(std), unpad(urlSafe(std)), encodeURIComponent(std), encodeURIComponent(std).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())];
}
/** The credential inside a longer base64 text, at each of the 3 byte alignments. */
const embedded = (v: string) => [0, 1, 2].map((k) => b64(`${'p'.repeat(k)}{"user":"${v}","n":1}`));

/** True when a base64 run of `text`, decoded from any of its first 4 offsets, holds `secret`. */
function decodesTo(text: string, secret: string): boolean {
  for (const run of text.match(/[A-Za-z0-9+/_-]{12,}/g) ?? []) {
    const std = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let o = 0; o < 4; o++) if (Buffer.from(std.slice(o), 'base64').includes(secret)) return true;
  }
  return false;
}

const ESC_FIELD = '\x1b[31mred\x1b]0;pwned\x07\x9b2J';
const MB3 = JSON.stringify({ error_code: 'OSM.00000000', code: 2000, pad: 'z'.repeat(3_000_000) });
type Answer = { headers?: Record<string, string>; body: string };
const MODES: Record<string, (req: IncomingMessage) => Answer> = {
  // base64 of the JPush pair without "Basic ", every credential in every form, in the body and in headers
  echo: (req) => {
    const auth = String(req.headers.authorization ?? '').replace(/^Basic /, '');
    const all = [auth, ...SECRETS.flatMap(forms), ...SECRETS.flatMap(embedded)];
    const headers: Record<string, string> = {};
    all.forEach((f, i) => (headers[`x-echo-${i}`] = f));
    return { headers, body: JSON.stringify({ error_code: 'OSM.01010010', error_msg: `auth ${auth}`, code: 4001, content: all.join(' '), echo: all }) };
  },
  deep2000: () => ({ body: `${'['.repeat(2000)}${']'.repeat(2000)}` }),
  deep200k: () => ({ body: `${'['.repeat(200_000)}${']'.repeat(200_000)}` }),
  unclosed8k: () => ({ body: '['.repeat(8192) }),
  cut3mb: () => ({ body: MB3 }),
  escapes: () => ({ headers: { 'x-note': '\x9b2Jcleared' }, body: JSON.stringify({ error_code: ESC_FIELD, code: ESC_FIELD, error_msg: `\x1b]0;title\x07 \x85 \u202e`, [ESC_FIELD]: ESC_FIELD }) }),
  proto: () => ({ body: '{"__proto__":{"isAdmin":true},"error_code":"OSM.00000000","code":2000}' }),
};

let server: Server;
let base = '';
let mode = 'echo';
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      const a = MODES[mode](req);
      res.writeHead(200, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Runs the CLI in a child node; its peak RSS (KiB) is printed by an exit hook. */
const WRAP = "process.on('exit',()=>require('fs').writeSync(2,'\\nVK_MAXRSS_KB='+process.resourceUsage().maxRSS+'\\n'));import(require('url').pathToFileURL(require('path').resolve('bin/verikit.js')).href)";
function verikit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; rssMb: number }> {
  const child = spawn(process.execPath, ['-e', WRAP, 'verikit', ...args], { env: { ...CLEAN_ENV, ...CANARY }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => {
    const kb = Number(/VK_MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
    resolve({ code, stdout, stderr: stderr.replace(/\nVK_MAXRSS_KB=\d+\n/, ''), rssMb: kb / 1024 });
  }));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

const runArgs = (dir: string, extra: string[] = []) => [
  'run', '--target', 'live', '--provider', 'huawei-osm', '--provider', 'jiguang-jverification',
  '--base-url', `huawei-osm=${base}`, '--base-url', `jiguang-jverification=${base}`,
  // a budget big enough that Huawei's sends leave some for JVerification (every JVerification call is billed)
  '--allow-send', '--allow-number', ALLOWED, '--max-sends', '100', '--max-per-operation', '3', '--rate-limit', '1000', '--timeout', '20000',
  '--report-dir', dir, ...extra,
];

/** Control characters a terminal acts on (newline and tab aside). */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

interface Outcome { summary: RunSummary; lines: Array<Record<string, any>>; files: string[]; stdout: string; html: string }

async function hostileRun(m: string, extra: string[] = []): Promise<Outcome> {
  mode = m;
  requests = 0;
  const dir = await mkdtemp(join(tmpdir(), `vk-hostile-${m}-`));
  try {
    const r = await verikit(runArgs(dir, extra));
    expect([0, 1], `exit ${r.code}: ${r.stderr.slice(-2000)}`).toContain(r.code);
    process.stdout.write(`[hostile ${m}${extra.length ? ` ${extra.join(' ')}` : ''}] exit ${r.code}, peak RSS ${r.rssMb.toFixed(0)} MB\n`);
    expect(r.rssMb, 'peak RSS in MB').toBeLessThan(512);
    const files = await filesUnder(dir);
    const names = files.map((f) => f.slice(dir.length + 1));
    expect(names).toEqual(expect.arrayContaining(['exchanges.ndjson', 'index.html', 'junit.xml', 'summary.json']));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary;
    const lines = (await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    // every request the server answered is recorded exactly once; both providers were reached
    expect(lines.length).toBe(requests);
    expect(new Set(lines.map((l) => `${l.caseId}|${l.startedAt}|${l.request.url}|${l.request.body ?? ''}`)).size).toBe(lines.length);
    for (const p of ['huawei-osm', 'jiguang-jverification']) expect(lines.some((l) => l.provider === p), p).toBe(true);
    // each case is counted once
    const plan = /verikit run: (\d+) cases and (\d+) flows/.exec(r.stderr);
    expect(plan, r.stderr).not.toBeNull();
    expect(summary.totals.cases).toBe(Number(plan![1]) + Number(plan![2]));
    expect(summary.totals.passed + summary.totals.failed + summary.totals.skipped).toBe(summary.totals.cases);
    // nothing from the wire reaches the terminal raw; no credential in any file or output, in any form
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    const needles = SECRETS.flatMap(forms);
    const texts: Array<[string, string]> = [['stdout', r.stdout], ['stderr', r.stderr]];
    for (const f of files) texts.push([f.slice(dir.length + 1), await readFile(f, 'utf8')]);
    const leaks: string[] = [];
    for (const [name, text] of texts) {
      for (const n of needles) if (text.includes(n)) leaks.push(`${name}: ${n}`);
      for (const s of SECRETS) if (decodesTo(text, s)) leaks.push(`${name}: base64 decoding to ${s.slice(0, 12)}…`);
    }
    expect(leaks).toEqual([]);
    return { summary, lines, files: names, stdout: r.stdout, html: await readFile(join(dir, 'index.html'), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const findings = (s: RunSummary, check: string) => s.findings.filter((f) => f.check === check);

describe('a hostile provider: no crash, no leak, no lost exchange', () => {
  it('echoes every credential in every encoding, in bodies and headers: all redacted', async () => {
    const o = await hostileRun('echo');
    // the echo really came back (else the test would prove nothing)
    expect(o.lines.some((l) => Object.keys(l.response?.headers ?? {}).includes('x-echo-0'))).toBe(true);
    expect(o.lines.some((l) => String(l.response?.body).includes('[REDACTED]'))).toBe(true);
  }, 120_000);

  it.each([
    { m: 'deep2000', want: /nested more than 64 levels deep/ },
    { m: 'unclosed8k', want: /nested more than 64 levels deep/ },
    { m: 'deep200k', want: /body of 400\.0 kB exceeds the 64 KiB limit/ },
  ])('answers $m: a finding names the limit, and the run completes', async ({ m, want }) => {
    const o = await hostileRun(m);
    const over = findings(o.summary, 'body-within-limits');
    expect(over.length).toBeGreaterThan(0);
    for (const f of over) expect(f.message).toMatch(want);
    expect(findings(o.summary, 'response-schema-conforms').filter((f) => /not JSON/.test(f.message))).toEqual([]);
    expect(o.html.length).toBeLessThan(20_000_000);
  }, 120_000);

  it('a 3 MB body is cut at 64 KiB and said so; --max-body 4MiB keeps it whole', async () => {
    const cut = await hostileRun('cut3mb');
    const over = findings(cut.summary, 'body-within-limits');
    expect(over.length).toBeGreaterThan(0);
    expect(over[0].message).toMatch(/body of 3\.0 MB exceeds the 64 KiB limit \(--max-body\); first 64 KiB kept/);
    expect(findings(cut.summary, 'response-schema-conforms').filter((f) => /not JSON/.test(f.message))).toEqual([]);
    expect(cut.lines.every((l) => l.response.body.length === 64 * 1024 && l.response.bodyLimit.kind === 'size')).toBe(true);
    const whole = await hostileRun('cut3mb', ['--max-body', '4MiB']);
    expect(findings(whole.summary, 'body-within-limits')).toEqual([]);
    expect(whole.lines.every((l) => l.response.body.length === MB3.length && l.response.json?.code === 2000)).toBe(true);
  }, 180_000);

  it('escape sequences in field names and values reach the terminal escaped', async () => {
    const o = await hostileRun('escapes');
    expect(o.stdout).toContain('\\x1b[31mred');
  }, 120_000);

  it('a __proto__ field is recorded faithfully and flagged as undocumented', async () => {
    const o = await hostileRun('proto');
    const answered = o.lines.filter((l) => l.response);
    expect(answered.length).toBeGreaterThan(0);
    for (const l of answered) {
      expect(Object.hasOwn(l.response.json, '__proto__'), JSON.stringify(l.response.json)).toBe(true);
      expect(l.response.json.__proto__).toEqual({ isAdmin: true });
    }
    const undocumented = findings(o.summary, 'no-undocumented-fields');
    for (const p of ['huawei-osm', 'jiguang-jverification']) {
      expect(undocumented.some((f) => f.provider === p && f.message.includes('received field "__proto__"')), p).toBe(true);
    }
  }, 120_000);
});
