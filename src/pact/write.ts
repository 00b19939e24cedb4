/**
 * Writes pact files with the real Pact core: every interaction plan is registered with PactV4 and
 * executed against Pact's own mock server (the consumer side of a pact test), so the core itself
 * validates the interaction and writes `<dir>/<consumer>-<provider>.json`.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MatchersV3, PactV4, type V3MockServer } from '@pact-foundation/pact';
import type { JsonMap } from '@pact-foundation/pact/src/common/jsonTypes';
import { Client } from 'undici';
import { VerikitError } from '../core/errors.ts';
import type { InteractionPlan } from './interactions.ts';

export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}

/** Sends the example request of a plan to Pact's mock server, as a consumer would; returns the status. */
async function replay(plan: InteractionPlan, server: V3MockServer): Promise<number> {
  const url = new URL(plan.request.path, server.url);
  for (const [k, v] of Object.entries(MatchersV3.reify(plan.request.query) as Record<string, unknown>)) {
    for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
  }
  const headers = MatchersV3.reify(plan.request.headers) as Record<string, string>;
  const body = plan.request.body === undefined ? undefined : JSON.stringify(MatchersV3.reify(plan.request.body));
  // a client per mock server: Pact reuses ports, and a pooled keep-alive socket to an earlier server would fail
  const client = new Client(url.origin);
  try {
    const res = await client.request({ path: url.pathname + url.search, method: plan.request.method, headers, body });
    await res.body.text();
    return res.statusCode;
  } finally {
    await client.close();
  }
}

/** Registers one interaction with the pact and executes it against Pact's mock server. */
async function execute(pact: PactV4, plan: InteractionPlan): Promise<number> {
  let builder = pact.addInteraction();
  for (const s of plan.states) builder = builder.given(s.name, s.params as unknown as JsonMap);
  const status = await builder
    .uponReceiving(plan.description)
    .withRequest(plan.request.method, plan.request.path, (b) => {
      b.query(plan.request.query as never).headers(plan.request.headers as never);
      if (plan.request.body !== undefined) b.jsonBody(plan.request.body);
    })
    .willRespondWith(plan.response.status, (b) => {
      b.headers(plan.response.headers as never);
      if (plan.response.body !== undefined) b.jsonBody(plan.response.body);
      if (plan.response.rules.length) {
        b.matchingRules({ body: plan.response.rules.map((r) => ({ path: r.path, rules: [MatchersV3.regex(r.regex, r.example)] })) } as never);
      }
    })
    .executeTest((server) => replay(plan, server));
  return status ?? 0;
}

/**
 * The Pact mock server sometimes records a match only after it has sent the response, and then reports
 * the request as "expected but not received" (pact-foundation/pact-reference#535, open). Such an
 * interaction is executed again, a bounded number of times; any other rejection is final.
 */
const MAX_ATTEMPTS = 4;
const LOST_MATCH = /expected but not received/;

/** Writes one provider's pact (replacing an older file) and returns its path. */
export async function writePact(dir: string, consumer: string, provider: string, plans: InteractionPlan[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, pactFileName(consumer, provider));
  await rm(file, { force: true });
  const pact = new PactV4({ consumer, provider, dir, logLevel: 'error' });
  for (const plan of plans) {
    for (let attempt = 1; ; attempt++) {
      try {
        await execute(pact, plan);
        break;
      } catch (err) {
        const message = (err as Error).message ?? String(err);
        if (attempt < MAX_ATTEMPTS && LOST_MATCH.test(message) && !/received but not expected|mismatch with/i.test(message)) continue;
        throw new VerikitError(
          'VK_PACT_WRITE',
          `the Pact core rejected the interaction "${plan.description}" for ${provider}: ${message.replace(/\s+/g, ' ').slice(0, 600)}`,
          "this is a bug in verikit's pact builder; run with VERIKIT_DEBUG=1 and report it",
        );
      }
    }
  }
  return file;
}
