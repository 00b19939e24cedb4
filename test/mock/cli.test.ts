import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { PROVIDER_IDS } from '../../src/spec/model.ts';

function run(args: string[]) {
  const child = spawn(process.execPath, ['bin/verikit.js', 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/** Reads `n` JSON lines from the child's stdout. */
function lines(child: ReturnType<typeof spawn>, n: number): Promise<Array<{ provider: string; url: string }>> {
  const out: Array<{ provider: string; url: string }> = [];
  const rl = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    rl.on('line', (l) => {
      out.push(JSON.parse(l));
      if (out.length === n) {
        rl.close();
        resolve(out);
      }
    });
    child.on('exit', () => reject(new Error(`exited after ${out.length} lines`)));
  });
}

describe('verikit mock', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints one JSON line per provider, serves, and stops cleanly on %s', async (signal) => {
    const { child, exited } = run(['--port-base', '0']);
    const listening = await lines(child, 4);
    expect(listening.map((l) => l.provider)).toEqual([...PROVIDER_IDS]);
    for (const l of listening) expect(l.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await request(`${listening[3].url}/__verikit/health`);
    expect(((await res.body.json()) as { provider: string }).provider).toBe('jiguang-jverification');
    child.kill(signal);
    expect(await exited).toBe(0);
  });

  it('--provider limits the providers started', async () => {
    const { child, exited } = run(['--port-base', '0', '--provider', 'huawei-osm', '--provider', 'alibaba-dypnsapi-intl']);
    const listening = await lines(child, 2);
    expect(listening.map((l) => l.provider).sort()).toEqual(['alibaba-dypnsapi-intl', 'huawei-osm']);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it.each([
    [['--provider', 'acme'], /error\[VK_USAGE\]: unknown provider "acme"/],
    [['--port-base', 'abc'], /error\[VK_USAGE\]: --port-base must be a port number/],
    [['--nope'], /error\[VK_USAGE\]/],
  ])('bad usage %j exits 2 with a named error', async (args, want) => {
    const { exited, stderr } = run(args as string[]);
    expect(await exited).toBe(2);
    expect(stderr()).toMatch(want);
    expect(stderr()).not.toMatch(/\n\s+at /);
  });
});
