/**
 * The embedded mock providers: `startMocks()` for tests and suites, `verikit mock` for people.
 * Each provider listens on its own port (portBase + its index in PROVIDER_IDS; 0 = free ports).
 */
import { VerikitError } from '../core/errors.ts';
import type { Credentials } from '../signing/credentials.ts';
import { loadSpecs } from '../spec/load.ts';
import { PROVIDER_IDS, type ProviderId, type ProviderSpec } from '../spec/model.ts';
import { MockClock } from './clock.ts';
import { createControl, type MockControl } from './control.ts';
import { controlGate } from './control-auth.ts';
import { acceptedCredentials } from './credentials.ts';
import { listen, type RunningServer } from './http.ts';
import { Outbox } from './outbox.ts';
import { PROVIDER_FACTORIES } from './providers.ts';
import type { ProviderMock } from './types.ts';

export type { MockControl } from './control.ts';
export type { Fault, FaultKind, DriftMode } from './faults.ts';
export type { AnswerRequest } from './answers.ts';
export type { OutboxMessage } from './outbox.ts';

export const DEFAULT_PORT_BASE = 4100;
export const DEFAULT_HOST = '127.0.0.1';

export interface StartMocksOptions {
  host?: string;
  /** Default 4100; 0 = free ports. */
  portBase?: number;
  /** Default: all four. */
  providers?: ProviderId[];
  specsDir?: string;
  /** Accepted credentials; default: the providers' environment variables, else TEST_CREDENTIALS. */
  credentials?: Credentials;
  /**
   * Bearer token the HTTP control plane (/__verikit/) requires. Required when `host` is not loopback
   * (else VK_MOCK_CONTROL_TOKEN); on loopback without one the control plane stays open.
   */
  controlToken?: string;
}

export interface RunningMocks {
  /** Base URL per started provider (only the started ones are present). */
  urls: Record<ProviderId, string>;
  control: MockControl;
  close(): Promise<void>;
}

/** The fixed port of a provider for a port base (0 stays 0: a free port). */
export function portFor(provider: ProviderId, portBase: number): number {
  return portBase === 0 ? 0 : portBase + PROVIDER_IDS.indexOf(provider);
}

/** Builds the provider mocks without listening (pure apart from the clock). */
export function createMocks(specs: ProviderSpec[], providers: ProviderId[], credentials?: Credentials): Map<ProviderId, ProviderMock> {
  const accepted = acceptedCredentials(credentials);
  const mocks = new Map<ProviderId, ProviderMock>();
  for (const id of providers) {
    const spec = specs.find((s) => s.id === id);
    if (!spec) throw new VerikitError('VK_MOCK_SPEC_MISSING', `no spec for provider ${id}`, `add specs/${id}.yaml or leave ${id} out with --provider`);
    mocks.set(id, PROVIDER_FACTORIES[id]({ spec, clock: new MockClock(), outbox: new Outbox() }, accepted));
  }
  return mocks;
}

export async function startMocks(opts: StartMocksOptions = {}): Promise<RunningMocks> {
  const host = opts.host ?? DEFAULT_HOST;
  const portBase = opts.portBase ?? DEFAULT_PORT_BASE;
  const providers = opts.providers?.length ? [...new Set(opts.providers)] : [...PROVIDER_IDS];
  for (const p of providers) {
    if (!PROVIDER_IDS.includes(p)) throw new VerikitError('VK_MOCK_UNKNOWN_PROVIDER', `unknown provider "${p}"`, `use one of: ${PROVIDER_IDS.join(', ')}`);
  }
  if (!Number.isInteger(portBase) || portBase < 0 || portBase + PROVIDER_IDS.length - 1 > 65535) {
    throw new VerikitError('VK_MOCK_PORT', `invalid port base ${portBase}`, 'use a port base between 1 and 65532, or 0 for free ports');
  }
  const gate = controlGate(host, opts.controlToken);
  const mocks = createMocks(await loadSpecs(opts.specsDir ?? 'specs'), providers, opts.credentials);
  const servers: RunningServer[] = [];
  const urls = {} as Record<ProviderId, string>;
  try {
    for (const [id, mock] of mocks) {
      const port = portFor(id, portBase);
      const s = await listen(mock, host, port, gate).catch((e: NodeJS.ErrnoException) => {
        throw new VerikitError(
          'VK_MOCK_LISTEN',
          `cannot listen on ${host}:${port} for ${id} (${e.code ?? e.message})`,
          e.code === 'EADDRINUSE' ? 'another process holds the port: stop it, or pass --port-base 0 (free ports) or another base' : 'check --host (an address of this machine) and --port-base',
        );
      });
      servers.push(s);
      urls[id] = s.url;
    }
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    throw e;
  }
  let closed: Promise<void> | undefined;
  return {
    urls,
    control: createControl(mocks),
    close: () => (closed ??= Promise.all(servers.map((s) => s.close())).then(() => undefined)),
  };
}
