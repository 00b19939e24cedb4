import { afterEach, describe, expect, it } from 'vitest';
import { base64Forms, clearRegisteredSecrets, redactHeaders, redactText, redactValue, registerSecret } from '../../src/core/redact.ts';
import { redactBody } from '../../src/reports/redact.ts';
import { registerCredentials } from '../../src/signing/credentials.ts';

afterEach(() => clearRegisteredSecrets());

const KEY = 'canary0jpush0appkey00001';
const SECRET = 'canary0jpush0master00001';
const PAIR = `${KEY}:${SECRET}`;

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const url = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_');
const unpad = (s: string) => s.replace(/=+$/, '');

/** Every standalone form a credential may be echoed in. */
function standaloneForms(v: string): Array<[string, string]> {
  const std = b64(v);
  return [
    ['raw', v], ['url-encoded', encodeURIComponent(v)],
    ['base64', std], ['base64 unpadded', unpad(std)], ['base64url', url(std)], ['base64url unpadded', unpad(url(std))],
    ['base64 url-encoded', encodeURIComponent(std)], ['base64 url-encoded lower-case', encodeURIComponent(std).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['base64 url-encoded twice', encodeURIComponent(encodeURIComponent(std))],
  ];
}

/** True when some base64 run of `text`, decoded from any of its first 4 offsets, holds `secret`. */
function decodesTo(text: string, secret: string): boolean {
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    const std = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let o = 0; o < 4; o++) if (Buffer.from(std.slice(o), 'base64').includes(secret)) return true;
  }
  return false;
}

describe('credentials are redacted in every encoding they travel in', () => {
  const cases = [KEY, SECRET, PAIR].flatMap((v) => standaloneForms(v).map(([form, text]) => ({ value: v === PAIR ? 'key:secret' : v === KEY ? 'key' : 'secret', form, text })));
  it.each(cases)('$value as $form, in text, a header and a JSON body', ({ text }) => {
    registerCredentials({ jpush: { appKey: KEY, masterSecret: SECRET } });
    const outs = [
      redactText(`echo ${text} end`),
      redactHeaders({ 'x-echo': text, 'www-authenticate': `realm=${text}` })['x-echo'],
      redactBody(JSON.stringify({ message: `got ${text}`, echo: text }), { 'content-type': 'application/json' }, 'response'),
    ];
    for (const out of outs) {
      expect(out).toContain('[REDACTED]');
      expect(out).not.toContain(text);
      for (const s of [KEY, SECRET]) expect(decodesTo(out, s), `${out} decodes to the credential`).toBe(false);
    }
  });

  it.each([0, 1, 2, 3, 4, 5])('a secret inside a longer base64 text, after %i prefix bytes (all 3 alignments)', (k) => {
    registerSecret(SECRET, 'secret');
    const embedded = b64(Buffer.concat([Buffer.from('p'.repeat(k)), Buffer.from(SECRET), Buffer.from('"}tail')]));
    expect(decodesTo(embedded, SECRET)).toBe(true); // the test's own decoder finds it before redaction
    for (const text of [embedded, unpad(url(embedded)), encodeURIComponent(embedded)]) {
      const out = redactText(`data=${text}`);
      expect(out).toContain('[REDACTED]');
      expect(decodesTo(decodeURIComponent(out.replace('[REDACTED]', '')), SECRET)).toBe(false);
    }
  });

  it('lists the standalone forms and the 3 aligned fragments, in both alphabets', () => {
    const forms = base64Forms(SECRET);
    expect(forms).toEqual(expect.arrayContaining([b64(SECRET), unpad(b64(SECRET)), url(b64(SECRET))]));
    // the fragment at alignment 1 is what base64 of "x" + secret shows from its third character on
    expect(forms.some((f) => b64(`x${SECRET}`).includes(f) && f.length >= 28)).toBe(true);
    // values shorter than 8 bytes are only found whole (their fragments would match unrelated base64)
    expect(base64Forms('abcd')).toEqual(expect.arrayContaining([b64('abcd')]));
    expect(base64Forms('abcd').length).toBeLessThanOrEqual(4);
  });

  it('leaves unrelated base64 alone', () => {
    registerSecret(SECRET, 'secret');
    const other = b64('a perfectly ordinary payload of some length');
    expect(redactText(other)).toBe(other);
  });
});

describe('the redaction walk over hostile data', () => {
  it('copies 200,000 levels of nesting without recursion', () => {
    let deep: unknown = ['13912345678'];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    registerSecret('13912345678', 'phone');
    let out = redactValue(deep, 'response') as unknown[];
    for (let i = 0; i < 200_000; i++) out = out[0] as unknown[];
    expect(out).toEqual(['13912****78']);
  });

  it('keeps a __proto__ field as a field (redacted inside), not as the copy\'s prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"phone":"13912345678","x":1},"a":1}') as Record<string, unknown>;
    const out = redactValue(parsed, 'response') as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"phone":"13912****78","x":1},"a":1}');
  });

  it('redacts a body too deep to walk as text, and a __proto__ body by structure', () => {
    registerSecret(SECRET, 'secret');
    const deep = `${'['.repeat(3000)}"${SECRET}"${']'.repeat(3000)}`;
    const out = redactBody(deep, { 'content-type': 'application/json' }, 'response');
    expect(out).not.toContain(SECRET);
    expect(out.length).toBeGreaterThan(6000);
    const proto = redactBody('{"__proto__": {"mobile": "13912345678"}, "Code": "OK"}', { 'content-type': 'application/json' }, 'response');
    expect(proto).toBe('{"__proto__": {"mobile": "13912****78"}, "Code": "OK"}');
  });
});
