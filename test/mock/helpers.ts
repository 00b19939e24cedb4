/** Test harness for the mocks: real servers on free ports, requests signed by the transport, spec validation. */
import { request } from 'undici';
import type { AuthMode, CaseInput, WireRequest } from '../../src/core/types.ts';
import { type RunningMocks, startMocks } from '../../src/mock/index.ts';
import { type Credentials, TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { createAjv } from '../../src/spec/ajv.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { AuthKind, Operation, ProviderId, ProviderSpec } from '../../src/spec/model.ts';
import { buildRequest } from '../../src/transport/build.ts';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any;
}

export async function send(wire: WireRequest): Promise<Reply> {
  const res = await request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
  return { status: res.statusCode, headers, text, json };
}

export interface CallOptions {
  auth?: AuthMode;
  authKind?: AuthKind;
  now?: Date;
  nonce?: string;
  credentials?: Credentials;
}

const ajv = createAjv();
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

export class Harness {
  private constructor(
    readonly specs: ProviderSpec[],
    readonly mocks: RunningMocks,
  ) {}

  static async start(providers?: ProviderId[]): Promise<Harness> {
    const specs = await loadSpecs('specs');
    const mocks = await startMocks({ portBase: 0, providers, credentials: TEST_CREDENTIALS });
    return new Harness(specs, mocks);
  }

  get control() {
    return this.mocks.control;
  }

  spec(provider: ProviderId): ProviderSpec {
    return this.specs.find((s) => s.id === provider)!;
  }

  op(provider: ProviderId, operationId: string): Operation {
    const op = this.spec(provider).operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`no operation ${provider}/${operationId}`);
    return op;
  }

  wire(provider: ProviderId, operationId: string, input: CaseInput, opts: CallOptions = {}): WireRequest {
    return buildRequest(this.op(provider, operationId), input, {
      baseUrl: this.mocks.urls[provider],
      credentials: opts.credentials ?? TEST_CREDENTIALS,
      auth: opts.auth ?? 'valid',
      authKind: opts.authKind,
      now: opts.now ? () => opts.now! : undefined,
      nonce: opts.nonce ? () => opts.nonce! : undefined,
    });
  }

  call(provider: ProviderId, operationId: string, input: CaseInput, opts: CallOptions = {}): Promise<Reply> {
    return send(this.wire(provider, operationId, input, opts));
  }

  /** Problems with a reply: schema violations for its status and an undocumented (status, code) pair. [] = valid. */
  problems(provider: ProviderId, operationId: string, reply: Reply): string[] {
    const spec = this.spec(provider);
    const op = this.op(provider, operationId);
    const documented = op.responses.find((r) => r.status === reply.status);
    if (!documented) return [`status ${reply.status} is not documented for ${operationId}`];
    let validate = compiled.get(documented.schema);
    if (!validate) {
      validate = ajv.compile(documented.schema);
      compiled.set(documented.schema, validate);
    }
    const out: string[] = [];
    if (!validate(reply.json)) out.push(...(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
    const code = String(reply.json?.[spec.codeField] ?? '');
    if (!op.codes.some((c) => c.code === code && c.status === reply.status)) out.push(`code "${code}" with status ${reply.status} is not documented`);
    return out;
  }

  /** A control-plane request (`/__verikit/<route>`) to one provider's mock: status and parsed JSON answer. */
  async ctl(provider: ProviderId, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await request(`${this.mocks.urls[provider]}/__verikit/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.statusCode, json: (await res.body.json()) as any };
  }

  close(): Promise<void> {
    return this.mocks.close();
  }
}

/** The code field of a reply as a string ('' when absent). */
export function codeOf(h: Harness, provider: ProviderId, reply: Reply): string {
  return String(reply.json?.[h.spec(provider).codeField] ?? '');
}
