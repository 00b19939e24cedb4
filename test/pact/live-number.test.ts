import { describe, expect, it } from 'vitest';
import { liveNumberProblem } from '../../src/pact/live-number.ts';
import type { PactDocument, PactInteraction } from '../../src/pact/pactfile.ts';
import { unmask } from '../../src/pact/states.ts';

/** pact verify --target live: the allow-listed number, in the provider's spelling, or a refusal (issue 17, item 10). */
const cn = { cc: '86', national: '13900001234' };
const uk = { cc: '44', national: '7700900201' };

describe('unmask with the provider: its own spelling, whatever the masked example looked like', () => {
  it.each([
    // the example's shape said "13 digits: with country code"; OSM takes the national number (area_code apart)
    { provider: 'huawei-osm' as const, field: 'contact_value', example: '861380****123', live: cn, want: '13900001234' },
    { provider: 'huawei-osm' as const, field: 'contact_value', example: '138****8123', live: uk, want: '7700900201' },
    { provider: 'alibaba-dypnsapi-intl' as const, field: 'To', example: '138****8123', live: cn, want: '8613900001234' },
    { provider: 'alibaba-resourcedirectorymaster' as const, field: 'PhoneNumber', example: '861380****123', live: cn, want: '86-13900001234' },
    { provider: 'jiguang-jverification' as const, field: 'phone', example: '861380****123', live: cn, want: '13900001234' },
  ])('$provider $field $example -> $want', ({ provider, field, example, live, want }) => expect(unmask(field, example, live, provider)).toBe(want));
});

function pact(body: Record<string, unknown>, inject: Record<string, unknown> = { contact_value: '138****8123' }): PactDocument {
  const i: PactInteraction = {
    description: 'send', states: ['s'], stateParams: [{ inject }],
    request: { method: 'POST', path: '/v2/servicerequest/verifycodes/send', query: {}, headers: {}, body, generated: new Set() },
    response: { status: 200, headers: {} },
  };
  return { consumer: 'c', provider: 'p', specVersion: '4.0', interactions: [i] };
}

describe('liveNumberProblem', () => {
  it.each([
    { given: 'OSM, area_code 86, +86 number', doc: pact({ contact_value: 'x', area_code: '86' }), provider: 'huawei-osm' as const, n: cn, want: undefined },
    { given: 'OSM, area_code 86, +44 number', doc: pact({ contact_value: 'x', area_code: '86' }), provider: 'huawei-osm' as const, n: uk, want: /fixed area_code other than 44/ },
    { given: 'OSM, no area_code', doc: pact({ contact_value: 'x' }), provider: 'huawei-osm' as const, n: cn, want: /or none/ },
    { given: 'OSM, no masked number at all', doc: pact({ contact_value: 'x', area_code: '86' }, {}), provider: 'huawei-osm' as const, n: uk, want: undefined },
    { given: 'JVerification, +44 number', doc: pact({ phone: 'x' }, { phone: '138****8123' }), provider: 'jiguang-jverification' as const, n: uk, want: /mainland China/ },
    { given: 'JVerification, +86 number', doc: pact({ phone: 'x' }, { phone: '138****8123' }), provider: 'jiguang-jverification' as const, n: cn, want: undefined },
    { given: 'Alibaba, +44 number', doc: pact({}, { To: '86138****8123' }), provider: 'alibaba-dypnsapi-intl' as const, n: uk, want: undefined },
  ])('$given', ({ doc, provider, n, want }) => {
    const got = liveNumberProblem(doc, provider, n);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(want);
  });
});
