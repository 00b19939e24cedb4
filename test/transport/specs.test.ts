/** Every operation of every spec in specs/, signed with each of its auth schemes, passes the matching verifier. */
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/load.ts';
import { verifyAcs3 } from '../../src/signing/alibaba-v3.ts';
import { verifyAcsV1 } from '../../src/signing/alibaba-v1.ts';
import { TEST_CREDENTIALS as T } from '../../src/signing/credentials.ts';
import { verifyHuawei, verifyToken } from '../../src/signing/huawei.ts';
import { verifyBasic } from '../../src/signing/jpush.ts';
import type { VerifyResult } from '../../src/signing/types.ts';
import type { AuthKind } from '../../src/spec/model.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { toIncoming } from '../../src/transport/parse.ts';

const specs = await loadSpecs('specs');
const rows = specs.flatMap((s) => s.operations.flatMap((op) => op.auth.map((kind) => ({ id: `${s.id} ${op.operationId}`, op, kind }))));
const opts = { now: new Date(), maxSkewMs: 60_000 };

function verify(kind: AuthKind, method: string, url: string, headers: Record<string, string>, body?: string): VerifyResult {
  const u = new URL(url);
  const inc = toIncoming(method, u.pathname + u.search, headers, body ?? '');
  if (!inc.ok) throw new Error(inc.error);
  const r = inc.value;
  switch (kind) {
    case 'acs3-hmac-sha256': return verifyAcs3(r, (id) => (id === T.alibaba.accessKeyId ? T.alibaba.accessKeySecret : undefined), opts);
    case 'acs-hmac-sha1': return verifyAcsV1(method, r.query, (id) => (id === T.alibaba.accessKeyId ? T.alibaba.accessKeySecret : undefined), opts);
    case 'huawei-sdk-hmac-sha256': return verifyHuawei(r, (ak) => (ak === T.huawei.ak ? T.huawei.sk : undefined), opts);
    case 'huawei-token': return verifyToken(r.headers, (t) => (t === T.huawei.token ? 'c' : undefined));
    case 'jpush-basic': return verifyBasic(headers.Authorization, (k) => (k === T.jpush.appKey ? T.jpush.masterSecret : undefined));
  }
}

describe('buildRequest over the real specs', () => {
  it('covers every provider', () => {
    expect(new Set(specs.map((s) => s.id)).size).toBeGreaterThanOrEqual(4);
  });
  it.each(rows)('$id signed with $kind is accepted, and rejected once tampered', ({ op, kind }) => {
    const example = op.requestBody ? Object.values(op.requestBody.examples)[0] : undefined;
    const query = Object.fromEntries(op.parameters.filter((p) => p.in === 'query' && p.example !== undefined).map((p) => [p.name, p.example]));
    const input = { query, body: example ?? (op.requestBody ? {} : undefined) };
    for (const [auth, want] of [['valid', true], ['tampered', false]] as const) {
      const wire = buildRequest(op, input, { baseUrl: 'http://127.0.0.1:9/prefix', credentials: T, auth, authKind: kind });
      expect(new URL(wire.url).pathname).toBe(`/prefix${op.wire.path}`);
      expect(verify(kind, wire.method, wire.url, wire.headers, wire.body).ok).toBe(want);
    }
  });
});
