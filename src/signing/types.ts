/** Shared shapes of the signers and verifiers. */

/** A request as a server received it, for the verifiers. */
export interface IncomingRequest {
  method: string;
  /** Raw path as on the wire, without the query string (still percent-encoded). */
  path: string;
  /** Query parameters, already percent-decoded (see parseQueryString in src/transport/parse.ts). */
  query: Array<[string, string]>;
  /** Header names in any case (node's IncomingMessage.headers works as is). */
  headers: Record<string, string | string[] | undefined>;
  /** Raw body exactly as received ('' when none). */
  body: string | Uint8Array;
}

/** Looks up the secret for an access key id / app key; undefined when the key is unknown. */
export type SecretLookup = (keyId: string) => string | undefined;

export interface VerifyOptions {
  /** Server clock, for the timestamp window. */
  now: Date;
  /** Largest accepted distance between the request's timestamp and `now`. */
  maxSkewMs: number;
}

export type VerifyFailure = {
  ok: false;
  /** The provider's own error code (e.g. SignatureDoesNotMatch, APIGW.0301, 9011). */
  code: string;
  message: string;
  /** The HTTP status the provider answers this failure with. */
  status: number;
  accessKeyId?: string;
};

export type VerifyResult =
  | {
      ok: true;
      /** Access key id, app key, or the principal a token maps to. */
      accessKeyId: string;
      /** The signature nonce, so the caller can reject reuse (SignatureNonceUsed). */
      nonce?: string;
    }
  | VerifyFailure;

/** First value of a header, case-insensitive. */
export function headerValue(headers: IncomingRequest['headers'], name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== want || v === undefined) continue;
    return Array.isArray(v) ? v.join(',') : v;
  }
  return undefined;
}

export function fail(code: string, status: number, message: string, accessKeyId?: string): VerifyFailure {
  return accessKeyId === undefined ? { ok: false, code, status, message } : { ok: false, code, status, message, accessKeyId };
}

export interface SignedAuthorization {
  keyId: string;
  /** Lower-case header names, in the order the client listed them (may be shared between calls: read only). */
  signedHeaders: readonly string[];
  signature: string;
}

const SIGNATURE = /^[^\s,=]+$/;
/** The last exact-form value's part before `Signature=` and what it says. */
let lastAuth: { prefix: string; at: number; scheme: string; keyField: string; keyId: string; signedHeaders: readonly string[] } | undefined;

/** The last form built (verifiers ask for the same scheme over and over). */
let lastForm: { scheme: string; keyField: string; re: RegExp } | undefined;

/**
 * The exact form the signers send (`<SCHEME> <keyField>=id,SignedHeaders=a;b,Signature=hex`, single spaces,
 * lower-case names): read with one regex, with the same result as the general parse below.
 */
function canonicalForm(scheme: string, keyField: string): RegExp {
  if (lastForm?.scheme === scheme && lastForm.keyField === keyField) return lastForm.re;
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${esc(scheme)} ${esc(keyField)}=([^\\s,=]+), ?SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=([^\\s,=]+)$`);
  lastForm = { scheme, keyField, re };
  return re;
}

/**
 * Parses `<SCHEME> <keyField>=<id>, SignedHeaders=a;b, Signature=<sig>` (ACS3-HMAC-SHA256 with Credential,
 * SDK-HMAC-SHA256 with Access); undefined when the scheme differs or a part is missing.
 */
export function parseSignedAuthorization(value: string, scheme: string, keyField: string): SignedAuthorization | undefined {
  // A client sends the same scheme, key and signed headers every time; only the signature changes.
  const at = value.lastIndexOf('Signature=');
  if (lastAuth !== undefined && at === lastAuth.at && value.startsWith(lastAuth.prefix) && lastAuth.scheme === scheme && lastAuth.keyField === keyField) {
    const signature = value.slice(at + 10);
    if (SIGNATURE.test(signature)) return { keyId: lastAuth.keyId, signedHeaders: lastAuth.signedHeaders, signature };
  }
  const fast = canonicalForm(scheme, keyField).exec(value);
  if (fast) {
    const signedHeaders = fast[2].split(';');
    // Frozen: the cached list is handed to every later caller.
    if (at > 0) lastAuth = { prefix: value.slice(0, at), at, scheme, keyField, keyId: fast[1], signedHeaders: Object.freeze(signedHeaders) };
    return { keyId: fast[1], signedHeaders, signature: fast[3] };
  }
  const v = value.trim();
  if (!v.startsWith(scheme) || !/\s/.test(v[scheme.length] ?? '')) return undefined;
  // The last occurrence of a field wins.
  let keyId: string | undefined;
  let signed: string | undefined;
  let signature: string | undefined;
  const parts = v.slice(scheme.length).split(',');
  for (let j = 0; j < parts.length; j++) {
    const p = parts[j];
    const i = p.indexOf('=');
    if (i <= 0) continue;
    const name = p.slice(0, i).trim();
    if (name === keyField) keyId = p.slice(i + 1).trim();
    else if (name === 'SignedHeaders') signed = p.slice(i + 1).trim();
    else if (name === 'Signature') signature = p.slice(i + 1).trim();
  }
  if (!keyId || !signed || !signature) return undefined;
  const names = signed.split(';');
  for (let i = 0; i < names.length; i++) names[i] = names[i].trim().toLowerCase();
  return { keyId, signedHeaders: names, signature };
}
