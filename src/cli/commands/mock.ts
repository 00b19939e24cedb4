/**
 * `verikit mock`: starts the embedded mock providers and prints one JSON line per provider once it listens:
 * {"provider":"<id>","url":"http://127.0.0.1:<port>"}. Stops cleanly on SIGINT / SIGTERM.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { escapeTerminal } from '../../core/terminal.ts';
import { DEFAULT_HOST, DEFAULT_PORT_BASE, startMocks } from '../../mock/index.ts';
import { CONTROL_TOKEN_ENV } from '../../mock/control-auth.ts';
import { PROVIDER_IDS, type ProviderId } from '../../spec/model.ts';

const HELP = `usage: verikit mock [--host 127.0.0.1] [--port-base 4100] [--provider <id>]... [--specs specs] [--control-token <token>]

Starts the stateful mock providers, each on its own port (port base + 0..3):
${PROVIDER_IDS.map((p, i) => `  ${String(DEFAULT_PORT_BASE + i)}  ${p}`).join('\n')}
--port-base 0 picks free ports. Prints one JSON line per provider once it listens.
Credentials: the providers' environment variables when set, else the documented test credentials.
Control plane: /__verikit/ on every port (see src/mock/README.md). On a host other than loopback it
needs a token (--control-token, or ${CONTROL_TOKEN_ENV}), sent as "Authorization: Bearer <token>";
without one the mock refuses to start.`;

export default async function mock(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string', default: DEFAULT_HOST },
        'port-base': { type: 'string', default: String(DEFAULT_PORT_BASE) },
        provider: { type: 'string', multiple: true },
        specs: { type: 'string', default: 'specs' },
        'control-token': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message, 'run `verikit mock --help` for the options');
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const portBase = Number(values['port-base']);
  if (!/^\d+$/.test(values['port-base']) || portBase > 65532) {
    throw new UsageError(`--port-base must be a port number (got "${values['port-base']}")`, 'pass e.g. --port-base 4100, or --port-base 0 for free ports');
  }
  const providers = values.provider ?? [];
  for (const p of providers) {
    if (!PROVIDER_IDS.includes(p as ProviderId)) throw new UsageError(`unknown provider "${p}"`, `use one of: ${PROVIDER_IDS.join(', ')}`);
  }
  // Listen for the stop signals before anything is printed, so a caller may signal as soon as it reads a line.
  let onStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  process.once('SIGINT', onStop);
  process.once('SIGTERM', onStop);
  try {
    const controlToken = values['control-token'] ?? (process.env[CONTROL_TOKEN_ENV] || undefined);
    const running = await startMocks({ host: values.host, portBase, providers: providers as ProviderId[], specsDir: values.specs, controlToken });
    for (const [provider, url] of Object.entries(running.urls)) process.stdout.write(`${escapeTerminal(JSON.stringify({ provider, url }))}\n`);
    await stopped;
    await running.close();
    return 0;
  } finally {
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
  }
}
