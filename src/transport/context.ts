/** What every wire builder gets, and the errors they raise. */
import { VerikitError } from '../core/errors.ts';
import type { AuthMode } from '../core/types.ts';

export interface WireContext {
  baseUrl: string;
  auth: AuthMode;
  date: Date;
  nonce: string;
}

/** The case needs credentials the run does not have (the runner should have skipped the provider). */
export class MissingCredentialsError extends VerikitError {
  constructor(what: string, envVars: string) {
    super('VK_CREDENTIALS_MISSING', `no ${what} to sign the request with`, `set ${envVars}, or run against the mocks (--target mock)`);
    this.name = 'MissingCredentialsError';
  }
}

/** The operation asks for an auth scheme this transport cannot put on its wire. */
export class UnsupportedAuthError extends VerikitError {
  constructor(operationId: string, authKind: string) {
    super('VK_AUTH_UNSUPPORTED', `operation ${operationId} cannot be signed with "${authKind}"`, 'give the operation a security scheme whose x-verikit-auth matches its wire (Alibaba RPC: acs3-hmac-sha256 or acs-hmac-sha1)');
    this.name = 'UnsupportedAuthError';
  }
}

/** Header names the transport owns: a case's own values for them are replaced by the auth mode's. */
const AUTH_HEADERS = new Set(['authorization', 'x-auth-token', 'x-sdk-date', 'x-acs-signature-nonce', 'x-acs-date', 'x-acs-content-sha256', 'x-acs-security-token']);

export function withoutAuthHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!AUTH_HEADERS.has(k.toLowerCase())) out[k] = v;
  return out;
}
