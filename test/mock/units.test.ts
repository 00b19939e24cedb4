import { describe, expect, it } from 'vitest';
import { MockClock } from '../../src/mock/clock.ts';
import { acceptedCredentials } from '../../src/mock/credentials.ts';
import { DEFAULT_PORT_BASE, portFor } from '../../src/mock/index.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { applyDrift, FaultStore, parseFault } from '../../src/mock/faults.ts';
import { BoundedMap } from '../../src/mock/lru.ts';
import { Outbox } from '../../src/mock/outbox.ts';
import { randomBase64, randomBytesPooled, randomRequestId } from '../../src/mock/random.ts';

describe('BoundedMap', () => {
  it('evicts the least recently used entry past its size', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    expect(m.get('a')).toBe(1); // a is now the newest
    m.set('c', 3);
    expect([m.has('a'), m.has('b'), m.has('c'), m.size, m.evictions]).toEqual([true, false, true, 2, 1]);
    expect(m.peek('a')).toBe(1);
    m.clear();
    expect(m.size).toBe(0);
  });

  it('stays bounded under many inserts', () => {
    const m = new BoundedMap<number, number>(100);
    for (let i = 0; i < 10_000; i++) m.set(i, i);
    expect([m.size, m.evictions, m.has(9_999), m.has(0)]).toEqual([100, 9_900, true, false]);
  });

  it('peekOrSet: an absent key is added (evicting when full), a present one is returned untouched', () => {
    const m = new BoundedMap<string, number>(2);
    expect(m.peekOrSet('a', 1)).toBeUndefined();
    expect(m.peekOrSet('b', 2)).toBeUndefined();
    expect(m.peekOrSet('a', 9)).toBe(1); // not replaced, not made the newest
    expect(m.peekOrSet('c', 3)).toBeUndefined(); // evicts a, the least recently used
    expect([...m.entries()]).toEqual([['b', 2], ['c', 3]]);
    expect(m.evictions).toBe(1);
  });

  it('rejects a non-positive size', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });

  it.each([
    { given: 'set a b c, get a', ops: [['set', 'a'], ['set', 'b'], ['set', 'c'], ['get', 'a']], want: ['b', 'c', 'a'] },
    { given: 'set a b, set a again', ops: [['set', 'a'], ['set', 'b'], ['set', 'a']], want: ['b', 'a'] },
    { given: 'set a b c, delete b, set d', ops: [['set', 'a'], ['set', 'b'], ['set', 'c'], ['delete', 'b'], ['set', 'd']], want: ['a', 'c', 'd'] },
    { given: 'set a b c, peek a, set d e (size 3)', ops: [['set', 'a'], ['set', 'b'], ['set', 'c'], ['peek', 'a'], ['set', 'd'], ['set', 'e']], want: ['c', 'd', 'e'] },
    { given: 'set a, delete a, set b', ops: [['set', 'a'], ['delete', 'a'], ['set', 'b']], want: ['b'] },
  ])('keeps recency order: $given -> $want', ({ ops, want }) => {
    const m = new BoundedMap<string, string>(3);
    for (const [op, k] of ops) {
      if (op === 'set') m.set(k, k.toUpperCase());
      else if (op === 'get') m.get(k);
      else if (op === 'peek') m.peek(k);
      else m.delete(k);
    }
    expect([...m.entries()]).toEqual(want.map((k) => [k, k.toUpperCase()]));
    expect([...m.values()]).toEqual(want.map((k) => k.toUpperCase()));
  });

  it('keeps an entry whose index generation was filled by keys deleted since', () => {
    const m = new BoundedMap<string, number>(3);
    m.set('a', 1);
    for (const k of ['b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      m.set(k, 0);
      m.delete(k);
    }
    m.set('x', 2).set('y', 3);
    expect([m.get('a'), m.size, [...m.entries()]]).toEqual([1, 3, [['x', 2], ['y', 3], ['a', 1]]]);
  });

  it.each([
    { size: 1, keys: 3 }, { size: 3, keys: 4 }, { size: 7, keys: 40 }, { size: 50, keys: 120 }, { size: 64, keys: 1000 },
  ])('matches a reference LRU over random set/get/peek/has/delete (size $size, $keys keys)', ({ size, keys }) => {
    const m = new BoundedMap<number, number>(size);
    const ref = new Map<number, number>();
    let seed = size * 7919 + keys;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 30_000; i++) {
      const k = rnd(keys);
      const op = rnd(10);
      if (op < 4) {
        m.set(k, i);
        ref.delete(k);
        ref.set(k, i);
        if (ref.size > size) ref.delete(ref.keys().next().value as number);
      } else if (op < 6) {
        const v = ref.get(k);
        if (v !== undefined) {
          ref.delete(k);
          ref.set(k, v);
        }
        expect(m.get(k)).toBe(v);
      } else if (op === 6) {
        expect(m.peek(k)).toBe(ref.get(k));
      } else if (op === 7) {
        expect(m.has(k)).toBe(ref.has(k));
        const had = ref.get(k);
        expect(m.peekOrSet(k, -i)).toBe(had);
        if (had === undefined) {
          ref.set(k, -i);
          if (ref.size > size) ref.delete(ref.keys().next().value as number);
        }
      } else {
        expect(m.delete(k)).toBe(ref.delete(k));
      }
      if (i % 997 === 0) expect([...m.entries()]).toEqual([...ref.entries()]);
    }
    expect([...m.entries()]).toEqual([...ref.entries()]);
    expect(m.size).toBe(ref.size);
  });

  it('matches a reference LRU over 20,000 random operations', () => {
    const m = new BoundedMap<number, number>(50);
    const ref = new Map<number, number>();
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 20_000; i++) {
      const k = rnd(120);
      const op = rnd(4);
      if (op === 0 || op === 1) {
        m.set(k, i);
        ref.delete(k);
        ref.set(k, i);
        if (ref.size > 50) ref.delete(ref.keys().next().value as number);
      } else if (op === 2) {
        const v = ref.get(k);
        if (v !== undefined) {
          ref.delete(k);
          ref.set(k, v);
        }
        expect(m.get(k)).toBe(v);
      } else {
        expect(m.delete(k)).toBe(ref.delete(k));
      }
    }
    expect([...m.entries()]).toEqual([...ref.entries()]);
    expect(m.size).toBe(ref.size);
  });
});

describe('MockClock and Outbox', () => {
  it('advances and resets against its base', () => {
    const c = new MockClock(() => 1_000);
    expect(c.advance(86_400_000)).toBe(86_401_000);
    expect(c.day()).toBe(1);
    expect(() => c.advance(-1)).toThrow(RangeError);
    c.reset();
    expect(c.now()).toBe(1_000);
  });

  it('keeps the newest messages only', () => {
    const o = new Outbox(3);
    for (let i = 0; i < 5; i++) o.push({ provider: 'huawei-osm', operationId: 'SendVerifyCodes', channel: 'SMS', to: `t${i}`, code: String(i), sentAt: i });
    expect(o.list().map((m) => m.to)).toEqual(['t2', 't3', 't4']);
    expect(o.latestTo('t3')?.code).toBe('3');
  });

  it.each([
    { given: 0, want: [] },
    { given: 2, want: ['t0', 't1'] },
    { given: 3, want: ['t0', 't1', 't2'] },
    { given: 5, want: ['t2', 't3', 't4'] },
    { given: 6, want: ['t3', 't4', 't5'] },
    { given: 7, want: ['t4', 't5', 't6'] },
    { given: 100, want: ['t97', 't98', 't99'] },
  ])('after $given pushes (max 3) it holds $want', ({ given, want }) => {
    const o = new Outbox(3);
    for (let i = 0; i < given; i++) o.push({ provider: 'huawei-osm', operationId: 'SendVerifyCodes', channel: 'SMS', to: `t${i}`, code: String(i), sentAt: i });
    expect([o.list().map((m) => m.to), o.size]).toEqual([want, want.length]);
    // A message no longer listed is not found either.
    expect(o.latestTo(`t${given - 4}`)).toBeUndefined();
    if (want.length) expect(o.latestTo(want[0])?.to).toBe(want[0]);
  });
});

describe('randomBytesPooled', () => {
  it('hands out fresh bytes of the asked size, never the same slice twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const b = randomBytesPooled(48);
      expect(b.length).toBe(48);
      seen.add(b.toString('hex'));
    }
    for (let i = 0; i < 2_000; i++) {
      const s = randomBase64(48);
      expect(Buffer.from(s, 'base64').length).toBe(48);
      seen.add(Buffer.from(s, 'base64').toString('hex'));
    }
    expect(seen.size).toBe(4_000);
    expect(() => randomBytesPooled(1025)).toThrow(RangeError);
    expect(() => randomBase64(-1)).toThrow(RangeError);
  });

  it('request ids are distinct upper-case version-4 UUIDs, every hex digit used in every free place', () => {
    const ids = Array.from({ length: 5_000 }, () => randomRequestId());
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const place of [0, 7, 9, 15, 20, 35]) expect(new Set(ids.map((id) => id[place])).size, `place ${place}`).toBe(16);
  });
});

describe('faults', () => {
  it('parseFault accepts valid and explains invalid descriptions', () => {
    const table: Array<[unknown, string | object]> = [
      [{ kind: 'latency', latencyMs: 10 }, { kind: 'latency', latencyMs: 10 }],
      [{ kind: 'drift', mode: 'add-field', field: 'X', to: 1, count: 2 }, { kind: 'drift', mode: 'add-field', field: 'X', to: 1, count: 2 }],
      [null, 'fault must be a JSON object'],
      [{ kind: 'latency', latencyMs: 10_000_000 }, 'latencyMs must be 0..120000'],
      [{ kind: 'status5xx', status: 700 }, 'status for kind status5xx must be an HTTP status 500..599'],
      [{ kind: 'status5xx', status: 200 }, 'status for kind status5xx must be an HTTP status 500..599'],
      [{ kind: 'status5xx', status: 504 }, { kind: 'status5xx', status: 504 }],
      [{ kind: 'html', status: 200 }, { kind: 'html', status: 200 }],
      [{ kind: 'html', status: 99 }, 'status for kind html must be an HTTP status 100..599'],
      [{ kind: 'drop', status: 500 }, 'unknown key "status" for kind drop (it takes operationId, count)'],
      [{ kind: 'latency', latency: 500 }, 'unknown key "latency" for kind latency (it takes operationId, count, latencyMs)'],
      [{ kind: 'throttle', mode: 'add-field' }, 'unknown key "mode" for kind throttle (it takes operationId, count)'],
      [{ kind: 'status5xx', operationId: 'X', count: 1, status: 500 }, { kind: 'status5xx', operationId: 'X', count: 1, status: 500 }],
      [{ kind: 'drift' }, 'drift mode must be one of remove-field, rename-field, retype-field, add-field, undocumented-code'],
    ];
    for (const [given, want] of table) expect(parseFault(given)).toEqual(want);
  });

  it('FaultStore applies counts per operation', () => {
    const s = new FaultStore();
    s.add({ kind: 'throttle', operationId: 'A', count: 2 });
    s.add({ kind: 'html' });
    expect(s.take('B').map((f) => f.kind)).toEqual(['html']);
    expect(s.take('A').map((f) => f.kind)).toEqual(['throttle', 'html']);
    expect(s.take('A').map((f) => f.kind)).toEqual(['throttle', 'html']);
    expect(s.take('A').map((f) => f.kind)).toEqual(['html']);
    expect(s.clear()).toBe(1);
  });

  it('applyDrift transforms a body without touching the original', () => {
    const body = { Code: 'OK', Success: true, Message: 'OK', Count: '12' };
    const d = { field: 'Success', codeField: 'Code', undocumentedCode: 'X.Y' };
    const table: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ mode: 'remove-field' }, { Code: 'OK', Message: 'OK', Count: '12' }],
      [{ mode: 'rename-field' }, { Code: 'OK', success: true, Message: 'OK', Count: '12' }],
      [{ mode: 'rename-field', field: 'Message', to: 'Msg' }, { Code: 'OK', Success: true, Msg: 'OK', Count: '12' }],
      [{ mode: 'retype-field' }, { ...body, Success: 'true' }],
      [{ mode: 'retype-field', field: 'Count' }, { ...body, Count: 12 }],
      [{ mode: 'retype-field', field: 'Code', to: 7 }, { ...body, Code: 7 }],
      [{ mode: 'add-field' }, { ...body, VerikitUndocumented: 'drift' }],
      [{ mode: 'undocumented-code' }, { ...body, Code: 'X.Y' }],
    ];
    for (const [fault, want] of table) expect(applyDrift(body, { kind: 'drift', ...fault }, d)).toEqual(want);
    expect(body.Success).toBe(true);
    expect(applyDrift('text', { kind: 'drift', mode: 'remove-field' }, d)).toBe('text');
  });
});

describe('ports', () => {
  it('are fixed per provider from the base, 0 meaning free ports', () => {
    const table: Array<[Parameters<typeof portFor>, number]> = [
      [['alibaba-dypnsapi-intl', DEFAULT_PORT_BASE], 4100],
      [['alibaba-resourcedirectorymaster', DEFAULT_PORT_BASE], 4101],
      [['huawei-osm', DEFAULT_PORT_BASE], 4102],
      [['jiguang-jverification', DEFAULT_PORT_BASE], 4103],
      [['jiguang-jverification', 9000], 9003],
      [['huawei-osm', 0], 0],
    ];
    for (const [given, want] of table) expect(portFor(...given)).toBe(want);
  });
});

describe('accepted credentials', () => {
  it('explicit ones win, then the environment per provider family, then the test credentials', () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envsecret', JPUSH_APP_KEY: 'k', JPUSH_MASTER_SECRET: 's' };
    const fromEnv = acceptedCredentials(undefined, env);
    expect(fromEnv.alibaba).toEqual([{ accessKeyId: 'LTAIenv', accessKeySecret: 'envsecret' }]);
    expect(fromEnv.jpush).toEqual([{ appKey: 'k', masterSecret: 's' }]);
    expect(fromEnv.huawei).toEqual([TEST_CREDENTIALS.huawei]);
    expect(acceptedCredentials(undefined, {})).toEqual({ alibaba: [TEST_CREDENTIALS.alibaba], huawei: [TEST_CREDENTIALS.huawei], jpush: [TEST_CREDENTIALS.jpush] });
    expect(acceptedCredentials({ jpush: { appKey: 'a', masterSecret: 'b' } }, env).alibaba).toEqual([TEST_CREDENTIALS.alibaba]);
  });
});
