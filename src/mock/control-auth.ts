/**
 * Who may use the control plane (/__verikit/: reset, faults, the outbox with its OTP codes). On a
 * loopback host, anyone on this machine, as before. On any other host (docker-compose, a shared dev
 * box) only a caller with `Authorization: Bearer <token>`; without a token the mock refuses to start.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { VerikitError } from '../core/errors.ts';
import { registerSecret } from '../core/redact.ts';

export const CONTROL_TOKEN_ENV = 'VERIKIT_CONTROL_TOKEN';
export const MIN_CONTROL_TOKEN_CHARS = 16;

/** true for addresses that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Checks a request's Authorization header; `undefined` = no token needed (loopback). */
export type ControlGate = (authorization: string | undefined) => boolean;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * The gate for `host`: open on loopback without a token; otherwise a bearer-token check compared in
 * constant time (hashes of equal length, so neither content nor length leaks through timing).
 * Throws VK_MOCK_CONTROL_TOKEN when a non-loopback host has no usable token.
 */
export function controlGate(host: string, token: string | undefined): ControlGate | undefined {
  if (token !== undefined && token.length < MIN_CONTROL_TOKEN_CHARS) {
    throw new VerikitError('VK_MOCK_CONTROL_TOKEN', `the control-plane token is too short (${token.length} characters, at least ${MIN_CONTROL_TOKEN_CHARS})`, 'use a random token, e.g. VERIKIT_CONTROL_TOKEN=$(openssl rand -hex 24)');
  }
  if (token === undefined) {
    if (isLoopbackHost(host)) return undefined;
    throw new VerikitError(
      'VK_MOCK_CONTROL_TOKEN',
      `--host ${JSON.stringify(host.slice(0, 100))} is reachable from other machines, and the control plane (/__verikit/: reset, faults, the outbox with its codes) would be open to them`,
      `set ${CONTROL_TOKEN_ENV} (or pass --control-token) to a random secret of at least ${MIN_CONTROL_TOKEN_CHARS} characters; clients send it as "Authorization: Bearer <token>". Or listen on 127.0.0.1`,
    );
  }
  registerSecret(token, 'secret');
  const want = digest(token);
  return (authorization) => {
    const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
    return !!m && timingSafeEqual(digest(m[1]), want);
  };
}

/** The answer to a control-plane request without the right token (the token itself is never echoed). */
export const UNAUTHORIZED = {
  status: 401,
  body: { error: 'the control plane needs "Authorization: Bearer <token>" (the token verikit mock was started with)' },
  headers: { 'www-authenticate': 'Bearer realm="verikit-control"' },
};
