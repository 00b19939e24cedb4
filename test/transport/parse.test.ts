import { describe, expect, it } from 'vitest';
import { percentDecode, percentEncode } from '../../src/signing/percent.ts';
import { acsV1Params, parseQueryString, toIncoming } from '../../src/transport/parse.ts';

describe('percentEncode', () => {
  const table = [
    { given: 'abcXYZ019-_.~', want: 'abcXYZ019-_.~' },
    { given: 'a b', want: 'a%20b' },
    { given: "*!'()", want: '%2A%21%27%28%29' },
    { given: '+/=&?#%', want: '%2B%2F%3D%26%3F%23%25' },
    { given: 'é中', want: '%C3%A9%E4%B8%AD' },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => {
    expect(percentEncode(given)).toBe(want);
    expect(percentDecode(want)).toEqual({ ok: true, value: given });
  });
});

describe('parseQueryString', () => {
  const table: Array<{ given: string; want: unknown }> = [
    { given: '', want: { ok: true, value: [] } },
    { given: '?a=1&b=x%20y&b=z', want: { ok: true, value: [['a', '1'], ['b', 'x y'], ['b', 'z']] } },
    { given: 'a+b=c+d&flag&e=', want: { ok: true, value: [['a b', 'c d'], ['flag', ''], ['e', '']] } },
    { given: 'a=%2B%2A~', want: { ok: true, value: [['a', '+*~']] } },
    { given: 'a=%zz', want: { ok: false, error: expect.stringContaining('invalid percent-encoding "%zz"') } },
    { given: 'a=100%', want: { ok: false, error: expect.stringContaining('query parameter "a"') } },
    { given: 'a=%C3%28', want: { ok: false, error: expect.stringContaining('not valid UTF-8') } },
    { given: '%E4=1', want: { ok: false, error: expect.stringContaining('query parameter name') } },
  ];
  it.each(table)('$given', ({ given, want }) => {
    expect(parseQueryString(given)).toEqual(want);
  });
});

describe('toIncoming and acsV1Params', () => {
  it('splits the target and keeps the raw path', () => {
    expect(toIncoming('post', '/a%20b/?x=1', { host: 'h' }, 'body')).toEqual({ ok: true, value: { method: 'POST', path: '/a%20b/', query: [['x', '1']], headers: { host: 'h' }, body: 'body' } });
    expect(toIncoming('GET', '/?x=%', {})).toMatchObject({ ok: false });
  });
  const table: Array<{ given: string; type?: string; body: string; want: unknown }> = [
    { given: 'form body merged after the query', type: 'application/x-www-form-urlencoded; charset=utf-8', body: 'B=2&C=x%20y', want: { ok: true, value: [['A', '1'], ['B', '2'], ['C', 'x y']] } },
    { given: 'other content types leave the body alone', type: 'application/json', body: '{"B":2}', want: { ok: true, value: [['A', '1']] } },
    { given: 'a malformed form body is an error value', type: 'application/x-www-form-urlencoded', body: 'B=%G1', want: { ok: false, error: expect.stringContaining('form body') } },
  ];
  it.each(table)('$given', ({ type, body, want }) => {
    const inc = toIncoming('POST', '/?A=1', type ? { 'content-type': type } : {}, body);
    if (!inc.ok) throw new Error(inc.error);
    expect(acsV1Params(inc.value)).toEqual(want);
  });
});
