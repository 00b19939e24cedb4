/** Test harness for the proxy: the verikit mocks as the upstream, a proxy in front of them, both on free ports. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import type { RunSummary } from '../../src/core/types.ts';
import { type RunningMocks, startMocks } from '../../src/mock/index.ts';
import { type ProxyOptions, type RunningProxy, startProxy } from '../../src/proxy/server.ts';
import { type Credentials, TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderId, ProviderSpec } from '../../src/spec/model.ts';
import type { Baseline } from '../../src/drift/baseline.ts';

export interface ProxyHarness {
  specs: ProviderSpec[];
  mocks: RunningMocks;
  proxy: RunningProxy;
  dir: string;
  logs: string[];
  url(p: ProviderId): string;
  /** The faults armed on the mock upstream (from its control plane). */
  faults(p: ProviderId): Promise<unknown[]>;
  summary(): Promise<RunSummary>;
  exchanges(): Promise<any[]>;
  close(): Promise<void>;
}

export async function startHarness(opts: { credentials?: Credentials; baseline?: Baseline; timeoutMs?: number; upstreams?: Partial<Record<ProviderId, string>>; validator?: ProxyOptions['validator'] } = {}): Promise<ProxyHarness> {
  const credentials = opts.credentials ?? TEST_CREDENTIALS;
  const specs = await loadSpecs('specs');
  const mocks = await startMocks({ portBase: 0, credentials });
  const dir = await mkdtemp(join(tmpdir(), 'vk-proxy-'));
  const logs: string[] = [];
  const proxy = await startProxy({
    specs, upstreams: opts.upstreams ?? mocks.urls, portBase: 0, reportDir: dir, credentials, baseline: opts.baseline,
    flushEverySeconds: 0, timeoutMs: opts.timeoutMs ?? 5000, validator: opts.validator, log: (l) => logs.push(l),
  });
  return {
    specs, mocks, proxy, dir, logs,
    url: (p) => proxy.urls[p]!,
    async faults(p) {
      const res = await request(`${mocks.urls[p]}/__verikit/faults`);
      return ((await res.body.json()) as { faults: unknown[] }).faults;
    },
    async summary() {
      await proxy.flush();
      return JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
    },
    async exchanges() {
      await proxy.flush();
      const text = await readFile(join(dir, 'exchanges.ndjson'), 'utf8');
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    },
    async close() {
      await proxy.close();
      await mocks.close();
    },
  };
}
