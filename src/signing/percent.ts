const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;

/**
 * RFC 3986 percent-encoding as both Alibaba signers (and Huawei's) canonicalise it: every byte but the
 * unreserved set A-Z a-z 0-9 - _ . ~ is encoded as %XX (upper-case hex); space is %20, `*` is %2A, `~` stays.
 * Values made only of unreserved characters (most of them) are returned as they are.
 */
export function percentEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type DecodeResult = { ok: true; value: string } | { ok: false; error: string };

/** Only `%` (and `+` in form encoding, harmlessly also checked otherwise) changes a value when decoded. */
const NEEDS_DECODE = /[%+]/;

/** Whether percentDecode could change `raw` (or reject it); when not, `raw` is its own decoded value. */
export function needsDecode(raw: string): boolean {
  return NEEDS_DECODE.test(raw);
}
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * Strict percent-decoding: a `%` not followed by two hex digits, or bytes that are not UTF-8, give an
 * error value instead of a throw. `plusAsSpace` applies form-encoding rules (`+` is a space).
 */
export function percentDecode(raw: string, plusAsSpace = true): DecodeResult {
  if (!needsDecode(raw)) return { ok: true, value: raw };
  const s = plusAsSpace ? raw.replace(/\+/g, ' ') : raw;
  const bad = BAD_ESCAPE.exec(s);
  if (bad) return { ok: false, error: `invalid percent-encoding "${s.slice(bad.index, bad.index + 3)}" at offset ${bad.index} of "${raw}"` };
  try {
    return { ok: true, value: decodeURIComponent(s) };
  } catch {
    return { ok: false, error: `percent-encoded bytes are not valid UTF-8 in "${raw}"` };
  }
}

/** Canonical query string: pairs sorted by encoded key (then value), keys and values percent-encoded, `k=v&...`. */
export function canonicalQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return joinSorted(encodePairs(pairs));
}

/** Each key and value percent-encoded, in the given order. */
export function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const encoded: Array<[string, string]> = new Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) encoded[i] = [percentEncode(pairs[i][0]), percentEncode(pairs[i][1])];
  return encoded;
}

/** The canonical query string of already encoded pairs (sorted by key, then value; `encoded` is not changed). */
export function canonicalQueryOfEncoded(encoded: ReadonlyArray<readonly [string, string]>): string {
  return joinSorted(encoded.slice());
}

/** Sorts `encoded` in place and joins it as `k=v&...`. */
function joinSorted(encoded: Array<readonly [string, string]>): string {
  const sorted = encoded.length <= SMALL ? insertionSort(encoded) : encoded.sort(byKeyThenValue);
  let out = '';
  for (let i = 0; i < sorted.length; i++) out += `${i ? '&' : ''}${sorted[i][0]}=${sorted[i][1]}`;
  return out;
}

function byKeyThenValue(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Up to this many pairs (a request's usual query) are sorted by insertion: no work array, same order as sort(). */
const SMALL = 16;

/** Stable insertion sort by byKeyThenValue, in place. */
function insertionSort(a: Array<readonly [string, string]>): Array<readonly [string, string]> {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && byKeyThenValue(a[j], x) > 0) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}
