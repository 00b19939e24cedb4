/** `verikit pact` entry points: dispatch, usage errors, and generate for one provider. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  try {
    return { code: await main(['pact', ...args]), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vk-pact-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verikit pact', () => {
  const usage: Array<{ args: string[]; code: number; want: RegExp; stream: 'out' | 'err' }> = [
    { args: [], code: 2, want: /subcommands:[\s\S]*generate[\s\S]*verify[\s\S]*publish[\s\S]*compare/, stream: 'out' },
    { args: ['--help'], code: 0, want: /usage: verikit pact <subcommand>/, stream: 'out' },
    { args: ['deploy'], code: 2, want: /error\[VK_USAGE\]: unknown pact subcommand "deploy"/, stream: 'err' },
    { args: ['verify', '--target', 'staging'], code: 2, want: /--target must be mock or live/, stream: 'err' },
    { args: ['verify', '--base-url', 'huawei-osm=http://127.0.0.1:1'], code: 2, want: /--base-url only applies to --target live/, stream: 'err' },
    { args: ['generate', '--bogus'], code: 2, want: /error\[VK_USAGE\].*bogus[\s\S]*pact generate --help/, stream: 'err' },
    { args: ['compare'], code: 2, want: /no pact file given/, stream: 'err' },
    { args: ['verify', join('/nonexistent', 'x.json')], code: 2, want: /error\[VK_PACT_READ\]/, stream: 'err' },
    { args: ['generate', '--help'], code: 0, want: /--consumer <name>/, stream: 'out' },
  ];
  for (const u of usage) {
    it(`pact ${u.args.join(' ') || '(nothing)'} -> exit ${u.code}`, async () => {
      const r = await run(u.args);
      expect(r.code).toBe(u.code);
      expect(r[u.stream]).toMatch(u.want);
    });
  }

  it('generate --provider writes that provider\'s pact under --dir with --consumer', async () => {
    const r = await run(['generate', '--dir', dir, '--provider', 'huawei-osm', '--consumer', 'shop-app']);
    expect(r.code).toBe(0);
    const file = join(dir, 'shop-app-huawei-osm.json');
    expect(r.out).toContain(`wrote ${file}`);
    const pact = JSON.parse(await readFile(file, 'utf8'));
    expect([pact.consumer.name, pact.provider.name, pact.metadata.pactSpecification.version]).toEqual(['shop-app', 'huawei-osm', '4.0']);
  }, 120_000);
});
