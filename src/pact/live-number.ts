/**
 * Live verification sends the allow-listed number in place of every masked one. This says, before
 * anything is sent, when a pact cannot carry that number exactly: the provider cannot take it
 * (JVerification: mainland China only), or the pact fixes a country-code field (Huawei OSM's
 * `area_code`) to another country than the number's. Pure.
 */
import { AREA_CODE_FIELD, unreachableBy } from '../cases/allow-numbers.ts';
import type { FlowPhone } from '../cases/flows/types.ts';
import { isPhoneField } from '../cases/phones.ts';
import type { ProviderId } from '../spec/model.ts';
import type { PactDocument } from './pactfile.ts';

export function liveNumberProblem(pact: PactDocument, provider: ProviderId, n: FlowPhone): string | undefined {
  const phoned = pact.interactions.filter((i) => i.stateParams.some((p) => Object.keys((p.inject ?? {}) as object).some(isPhoneField)));
  if (!phoned.length) return undefined;
  const unreachable = unreachableBy(provider, n);
  if (unreachable) return unreachable;
  const area = AREA_CODE_FIELD[provider];
  if (!area) return undefined;
  const wrong = phoned.filter((i) => {
    const v = i.request.body && typeof i.request.body === 'object' ? (i.request.body as Record<string, unknown>)[area] : undefined;
    return !((typeof v === 'string' || typeof v === 'number') && String(v) === n.cc);
  });
  if (!wrong.length) return undefined;
  return `cost guard: ${wrong.length} interaction(s) send a fixed ${area} other than ${n.cc}, the allow-listed number's country code (or none), so the number on the wire would not be the allow-listed one`;
}
