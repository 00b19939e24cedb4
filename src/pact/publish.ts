/**
 * Publishing pacts to a Pact Broker over its HTTP API (undici): the HAL index names the
 * `pb:publish-contracts` relation, then one `POST /contracts/publish` per consumer carries every pact
 * as base64 content with the consumer version (the git commit), branch and tags.
 */
import { request } from 'undici';
import { VerikitError } from '../core/errors.ts';
import { redactText } from '../core/redact.ts';

export interface BrokerAuth {
  token?: string;
  username?: string;
  password?: string;
}

export interface PublishOptions {
  brokerUrl: string;
  /** Pact files' contents with their parsed consumer and provider names. */
  pacts: Array<{ file: string; consumer: string; provider: string; content: string }>;
  consumerVersion: string;
  branch?: string;
  tags?: string[];
  buildUrl?: string;
  auth: BrokerAuth;
  timeoutMs?: number;
}

export interface PublishResult {
  consumer: string;
  notices: string[];
}

/** Broker credentials from the environment: PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME + PACT_BROKER_PASSWORD. */
export function brokerAuthFromEnv(env: Record<string, string | undefined> = process.env): BrokerAuth {
  if (env.PACT_BROKER_TOKEN) return { token: env.PACT_BROKER_TOKEN };
  if (env.PACT_BROKER_USERNAME) return { username: env.PACT_BROKER_USERNAME, password: env.PACT_BROKER_PASSWORD ?? '' };
  return {};
}

function authHeader(auth: BrokerAuth): Record<string, string> {
  if (auth.token) return { authorization: `Bearer ${auth.token}` };
  if (auth.username !== undefined) return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}` };
  return {};
}

/** The publish-contracts request body (pure). */
export function publishBody(opts: PublishOptions, consumer: string): Record<string, unknown> {
  return {
    pacticipantName: consumer,
    pacticipantVersionNumber: opts.consumerVersion,
    ...(opts.branch ? { branch: opts.branch } : {}),
    ...(opts.tags?.length ? { tags: opts.tags } : {}),
    ...(opts.buildUrl ? { buildUrl: opts.buildUrl } : {}),
    contracts: opts.pacts
      .filter((p) => p.consumer === consumer)
      .map((p) => ({ consumerName: p.consumer, providerName: p.provider, specification: 'pact', contentType: 'application/json', content: Buffer.from(p.content).toString('base64') })),
  };
}

async function call(method: 'GET' | 'POST', url: string, opts: PublishOptions, body?: unknown): Promise<Record<string, unknown>> {
  const shown = redactText(url);
  let res;
  try {
    res = await request(url, {
      method,
      headers: { accept: 'application/hal+json, application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...authHeader(opts.auth) },
      body: body ? JSON.stringify(body) : undefined,
      headersTimeout: opts.timeoutMs ?? 30_000,
      bodyTimeout: opts.timeoutMs ?? 30_000,
    });
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'network error';
    throw new VerikitError('VK_BROKER_UNREACHABLE', `the Pact Broker at ${shown} cannot be reached (${code})`, 'check --broker-url and that the broker is up and reachable from here');
  }
  const text = await res.body.text();
  if (res.statusCode === 401 || res.statusCode === 403) {
    throw new VerikitError('VK_BROKER_AUTH', `the Pact Broker refused the credentials (HTTP ${res.statusCode} from ${method} ${shown})`, 'set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD, to credentials allowed to publish');
  }
  if (res.statusCode >= 300) {
    const detail = redactText(text.slice(0, 300)).replace(/\s+/g, ' ');
    throw new VerikitError('VK_BROKER_ERROR', `the Pact Broker answered HTTP ${res.statusCode} to ${method} ${shown}: ${detail}`, res.statusCode >= 500 ? 'the broker failed; retry later or check its logs' : 'check the broker URL, pacticipant names and version');
  }
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new VerikitError('VK_BROKER_ERROR', `the Pact Broker at ${shown} answered something that is not JSON`, 'check that --broker-url points at a Pact Broker (not a login page or proxy)');
  }
}

function publishHref(index: Record<string, unknown>, brokerUrl: string): string {
  const links = (index._links ?? {}) as Record<string, { href?: string } | undefined>;
  const href = links['pb:publish-contracts']?.href;
  if (!href) {
    throw new VerikitError('VK_BROKER_ERROR', `the Pact Broker at ${redactText(brokerUrl)} does not offer pb:publish-contracts`, 'use Pact Broker 2.86+ or PactFlow, which support POST /contracts/publish');
  }
  return new URL(href, brokerUrl).toString();
}

/** Publishes every pact; one request per consumer. Throws VerikitError on any failure. */
export async function publishPacts(opts: PublishOptions): Promise<PublishResult[]> {
  const base = opts.brokerUrl.endsWith('/') ? opts.brokerUrl : `${opts.brokerUrl}/`;
  const index = await call('GET', base, opts);
  const href = publishHref(index, base);
  const results: PublishResult[] = [];
  for (const consumer of [...new Set(opts.pacts.map((p) => p.consumer))].sort()) {
    const out = await call('POST', href, opts, publishBody(opts, consumer));
    const notices = Array.isArray(out.notices) ? out.notices.map((n) => String((n as { text?: unknown }).text ?? n)) : [];
    results.push({ consumer, notices });
  }
  return results;
}
