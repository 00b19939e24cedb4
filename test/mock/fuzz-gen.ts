/** Generators of malformed requests for the mock fuzz test. Deterministic per seed. Pure. */
import type { Rng } from '../../src/cases/prng.ts';

const PATHS = ['/', '/v2/servicerequest/verifycodes', '/v2/servicerequest/verifycodes/send', '/v1/web/verify', '/v1/web/h5/verify', '/__verikit/outbox', '/__verikit/faults', '/__verikit/clock', '/__verikit/token', '/__verikit/', '/%', '/%E0%A4%A', '/..%2f..%2fetc/passwd', '//', '/rpc/StartVerification'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', '', 'application/x-www-form-urlencoded; charset=%%%'];
const QUERY_BITS = ['Action=StartVerification', 'Action=NoSuch', 'Action=', 'Version=2017-07-25', 'Version=2022-04-19', 'Signature=%', 'Signature=abc', 'AccessKeyId=LTAI', 'Timestamp=yesterday', 'SignatureMethod=HMAC-SHA1', 'SignatureVersion=1.0', 'SignatureNonce=1', 'To=%FF%FE', 'Channel=SMS', 'x=%ZZ', '%=%', '&&&', '=', 'a=b=c', 'MessageTypes.99999999999=x'];

function junk(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(rng.int(0, 255));
  return s;
}

function body(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0: return '';
    case 1: return '{"token":';
    case 2: return JSON.stringify({ phone: rng.int(0, 1e9), token: [null], contact_way: 'x', verify_code: {} });
    case 3: return '['.repeat(rng.int(1, 5000));
    case 4: return junk(rng, rng.int(1, 2000));
    case 5: return 'x'.repeat(rng.int(60_000, 80_000));
    case 6: return QUERY_BITS.slice(0, rng.int(1, QUERY_BITS.length)).join('&');
    default: return JSON.stringify({ kind: 'nonsense', advanceMs: 'soon', phone: '1'.repeat(rng.int(0, 20)) });
  }
}

export interface HttpCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Valid HTTP with malformed content: bad encodings, unknown actions, wrong types, header floods, big bodies. */
export function httpCase(rng: Rng, ownPaths: string[]): HttpCase {
  const method = rng.next() < 0.6 ? 'POST' : rng.pick(METHODS);
  const query = Array.from({ length: rng.int(0, 6) }, () => rng.pick(QUERY_BITS)).join('&');
  const path = (rng.next() < 0.7 ? rng.pick(ownPaths) : rng.pick(PATHS)) + (query ? `?${query}` : '');
  const headers: Record<string, string> = {};
  const ct = rng.pick(CONTENT_TYPES);
  if (ct) headers['content-type'] = ct;
  if (rng.next() < 0.5) headers.authorization = rng.pick(['ACS3-HMAC-SHA256 Credential=x', 'SDK-HMAC-SHA256 Access=a, SignedHeaders=host, Signature=0', 'Basic !!!', 'Basic ' + Buffer.from('a:b').toString('base64'), 'Bearer x', junk(rng, 20).replace(/[^\x20-\x7e]/g, 'x')]);
  if (rng.next() < 0.3) headers['x-acs-action'] = rng.pick(['StartVerification', 'NoSuch', '']);
  if (rng.next() < 0.2) headers['x-auth-token'] = 'x'.repeat(rng.int(1, 6000));
  if (rng.next() < 0.1) for (let i = 0; i < rng.int(20, 90); i++) headers[`x-flood-${i}`] = 'y'.repeat(rng.int(1, 100));
  const withBody = method !== 'GET' && method !== 'HEAD' && rng.next() < 0.8;
  return { method, path, headers, body: withBody ? body(rng) : undefined };
}

/** Broken HTTP for raw sockets: bad request lines, bad headers, lying lengths, bad chunking, header overflow, truncation. */
export function rawCase(rng: Rng): string {
  const target = rng.pick(PATHS);
  switch (rng.int(0, 11)) {
    case 0: return junk(rng, rng.int(1, 500));
    case 1: return `${rng.pick(METHODS)} ${target}\r\n\r\n`;
    case 2: return `GET ${target} HTTP/9.9\r\nHost: x\r\n\r\n`;
    case 3: return `POST ${target} HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n`;
    case 4: return `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${rng.int(10, 5000)}\r\n\r\nshort`;
    case 5: return `POST ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n`;
    case 6: return `GET ${target} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(rng.int(17_000, 40_000))}\r\n\r\n`;
    case 7: return `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n${'a'.repeat(rng.int(0, 100))}`;
    case 8: return `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`;
    case 9: return `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n${junk(rng, 50)}`;
    case 10: return `GET ${target}${junk(rng, 10).replace(/[\r\n ]/g, '')} HTTP/1.1\r\nHost: x\r\n`;
    default: return `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a":`;
  }
}
