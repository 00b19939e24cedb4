/**
 * `verikit proxy`: a reverse proxy per provider that an app points at instead of the provider. Prints one
 * JSON line per provider ({provider, url, upstream}) once it listens; checks the observed traffic off the
 * response path; writes reports every --flush-every seconds and on SIGINT / SIGTERM (then exits 0).
 */
import { parseArgs } from 'node:util';
import { intFlag, parseBaseUrls, providerFlag } from '../../config/flags.ts';
import { UsageError } from '../../core/errors.ts';
import { DEFAULT_BASELINE_FILE } from '../../drift/baseline.ts';
import { readBaselineFile } from '../../drift/baseline-file.ts';
import { DEFAULT_FLUSH_EVERY_S, DEFAULT_PROXY_PORT_BASE, DEFAULT_PROXY_TIMEOUT_MS, startProxy } from '../../proxy/server.ts';
import { credentialsFromEnv } from '../../signing/credentials.ts';
import { loadSpecs } from '../../spec/load.ts';
import { PROVIDER_IDS, type ProviderId } from '../../spec/model.ts';

const HELP = `usage: verikit proxy [--upstream <id>=<url>]... [options]

A reverse proxy per provider (port base + 0..3, like verikit mock): point your app at it instead of the
provider. Requests are forwarded and answers streamed back unchanged; every exchange is checked against
the specs (the checks of verikit run, drift against the baseline) after the app has its answer.
Alibaba V3 and Huawei AK/SK signatures bind the host: the proxy verifies them with the credentials in the
environment and re-signs them for the upstream (a request that does not verify gets the provider's own
signature error and is not forwarded). Alibaba V1, JPush Basic and Huawei tokens pass through untouched.
The proxy sends no request of its own: there is nothing for the cost guard to guard.

  --upstream <id>=<url>    upstream origin of a provider (repeatable; default: every provider at the
                           production endpoint of its spec's servers)
  --provider <id>          proxy only this provider (repeatable; default: the --upstream ones, else all)
  --host <addr>            listen address (default 127.0.0.1)
  --port-base <n>          first port (default ${DEFAULT_PROXY_PORT_BASE}; 0 = free ports)
  --report-dir <dir>       reports (default reports/proxy): exchanges.ndjson appended, summary.json,
                           junit.xml and index.html rewritten
  --baseline <file>        known deviations (default ${DEFAULT_BASELINE_FILE}; missing = empty)
  --flush-every <s>        write the reports every s seconds (default ${DEFAULT_FLUSH_EVERY_S}; 0 = only on exit)
  --timeout <ms>           a hung upstream gets the provider's gateway error after ms (default ${DEFAULT_PROXY_TIMEOUT_MS})
  --latency-budget <ms>    response-time budget per request, as for verikit run (default 5000; 0 = off)
  --specs <dir>            specs (default specs/)

Stop with SIGINT (Ctrl-C) or SIGTERM: the reports are written and the exit code is 0.`;

interface Flags {
  upstream?: string[]; provider?: string[]; host: string; 'port-base': string; 'report-dir': string; baseline: string;
  'flush-every': string; timeout: string; 'latency-budget'?: string; specs: string;
}

export default async function proxy(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        upstream: { type: 'string', multiple: true }, provider: { type: 'string', multiple: true },
        host: { type: 'string', default: '127.0.0.1' }, 'port-base': { type: 'string', default: String(DEFAULT_PROXY_PORT_BASE) },
        'report-dir': { type: 'string', default: 'reports/proxy' }, baseline: { type: 'string', default: DEFAULT_BASELINE_FILE },
        'flush-every': { type: 'string', default: String(DEFAULT_FLUSH_EVERY_S) }, timeout: { type: 'string', default: String(DEFAULT_PROXY_TIMEOUT_MS) },
        'latency-budget': { type: 'string' }, specs: { type: 'string', default: 'specs' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message, 'run `verikit proxy --help` for the options');
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // Listen for the stop signals first: a signal during start-up stops the proxy once it is up (reports written).
  let onStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  process.once('SIGINT', onStop);
  process.once('SIGTERM', onStop);
  try {
    return await serve(values, stopped);
  } finally {
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
  }
}

async function serve(values: Flags, stopped: Promise<void>): Promise<number> {
  const portBase = intFlag('port-base', values['port-base'])!;
  if (portBase > 65532) throw new UsageError(`--port-base must be a port number (got "${values['port-base']}")`, 'pass e.g. --port-base 4200, or --port-base 0 for free ports');
  const flushEvery = intFlag('flush-every', values['flush-every'])!;
  const timeoutMs = intFlag('timeout', values.timeout, 1)!;
  const latencyBudgetMs = intFlag('latency-budget', values['latency-budget']);
  const given = parseBaseUrls(values.upstream, 'live');
  for (const [id, url] of Object.entries(given)) {
    const u = new URL(url);
    if ((u.pathname !== '/' && u.pathname !== '') || u.search) throw new UsageError(`--upstream ${id} must be an origin (got a path or query: "${url}")`, 'pass the scheme, host and port only, e.g. --upstream huawei-osm=https://osm.cn-south-1.myhuaweicloud.com');
  }
  const selected = (values.provider ?? []).map((p) => providerFlag(p, '--provider'));
  const providers: ProviderId[] = selected.length ? selected : Object.keys(given).length ? (Object.keys(given) as ProviderId[]) : [...PROVIDER_IDS];
  const specs = await loadSpecs(values.specs);
  const upstreams: Partial<Record<ProviderId, string>> = {};
  for (const p of providers) {
    const spec = specs.find((s) => s.id === p);
    if (!spec) throw new UsageError(`no spec for provider ${p}`, `add specs/${p}.yaml or leave it out`);
    const url = given[p] ?? spec.servers[0];
    if (!url) throw new UsageError(`no upstream for ${p}: its spec lists no servers`, `pass --upstream ${p}=https://…`);
    upstreams[p] = new URL(url).origin;
  }
  const baseline = await readBaselineFile(values.baseline);
  const env = credentialsFromEnv();
  const missing = [
    ...(providers.some((p) => p.startsWith('alibaba-')) && !env.alibaba ? ['Alibaba V3 (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET)'] : []),
    ...(providers.includes('huawei-osm') && !env.huawei?.ak ? ['Huawei AK/SK (HUAWEICLOUD_SDK_AK/SK)'] : []),
  ];
  if (missing.length) process.stderr.write(`proxy: no credentials in the environment for ${missing.join(' and ')}: those signatures are verified and re-signed with verikit's documented test credentials, which only the verikit mock accepts\n`);

  const running = await startProxy({
    specs, upstreams, host: values.host, portBase, reportDir: values['report-dir'], baseline, timeoutMs, flushEverySeconds: flushEvery, latencyBudgetMs,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const [provider, url] of Object.entries(running.urls)) process.stdout.write(`${JSON.stringify({ provider, url, upstream: upstreams[provider as ProviderId] })}\n`);
  await stopped;
  const files = await running.close();
  process.stderr.write(`proxy stopped; reports: ${files.join(', ')}\n`);
  return 0;
}
