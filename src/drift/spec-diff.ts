/**
 * Spec vs spec: what changed per operation between two versions of a provider spec, each change
 * classed breaking / non-breaking for a client, and the semver bump of the type package. Pure.
 *
 * Operations are matched by operationId, then by their wire identity (RPC Action, or method + path)
 * so that a renamed operation is reported as a rename and not as remove + add. Documented codes
 * (x-verikit-codes plus the common codes) are compared too; generic OpenAPI diff tools ignore them.
 */
import type { Operation, ProviderSpec } from '../spec/model.ts';
import { diffSchema } from './schema-diff.ts';
import type { Severity } from './schema-diff.ts';

export type { Severity } from './schema-diff.ts';
export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface SpecChange {
  provider: string;
  /** The operation's id in the new spec (the old id when it was removed); "*" for spec-wide changes. */
  operationId: string;
  kind: string;
  severity: Severity;
  pointer: string;
  message: string;
}

export interface SpecDiff {
  provider: string;
  changes: SpecChange[];
  bump: Bump;
}

/** Non-breaking kinds that add API surface (minor); every other non-breaking change is a patch. */
const ADDITIVE = new Set(['operation-added', 'optional-parameter-added', 'field-added', 'enum-value-added', 'code-added', 'response-added', 'auth-added', 'became-required', 'server-added']);

const wireId = (o: Operation) => (o.wire.rpc ? `rpc:${o.wire.rpc.action}` : `${o.method} ${o.path}`);

export function diffSpecs(oldSpec: ProviderSpec | undefined, newSpec: ProviderSpec | undefined): SpecDiff {
  const provider = (newSpec ?? oldSpec)?.id ?? 'unknown';
  const changes: SpecChange[] = [];
  const add = (operationId: string, c: Omit<SpecChange, 'provider' | 'operationId'>) => changes.push({ provider, operationId, ...c });
  if (!oldSpec || !newSpec) {
    add('*', { kind: oldSpec ? 'spec-removed' : 'spec-added', severity: oldSpec ? 'breaking' : 'non-breaking', pointer: '', message: `provider spec ${oldSpec ? 'removed' : 'added'}` });
    return { provider, changes, bump: oldSpec ? 'major' : 'minor' };
  }
  if (oldSpec.codeField !== newSpec.codeField) {
    add('*', { kind: 'code-field-changed', severity: 'breaking', pointer: '/x-verikit-code-field', message: `code field changed from ${oldSpec.codeField} to ${newSpec.codeField}` });
  }
  for (const s of oldSpec.servers.filter((x) => !newSpec.servers.includes(x))) add('*', { kind: 'server-removed', severity: 'breaking', pointer: '/servers', message: `server ${s} removed` });
  for (const s of newSpec.servers.filter((x) => !oldSpec.servers.includes(x))) add('*', { kind: 'server-added', severity: 'non-breaking', pointer: '/servers', message: `server ${s} added` });

  const unmatchedNew = new Map(newSpec.operations.map((o) => [o.operationId, o]));
  const pairs: Array<[Operation, Operation]> = [];
  const removed: Operation[] = [];
  for (const o of oldSpec.operations) {
    const n = unmatchedNew.get(o.operationId);
    if (n) (pairs.push([o, n]), unmatchedNew.delete(o.operationId));
    else removed.push(o);
  }
  for (const o of removed) {
    const n = [...unmatchedNew.values()].find((x) => wireId(x) === wireId(o));
    if (n) {
      unmatchedNew.delete(n.operationId);
      add(n.operationId, { kind: 'operation-renamed', severity: 'breaking', pointer: n.pointer, message: `operationId ${o.operationId} renamed to ${n.operationId} (generated type names change)` });
      pairs.push([o, n]);
    } else {
      add(o.operationId, { kind: 'operation-removed', severity: 'breaking', pointer: o.pointer, message: `operation ${o.operationId} (${wireId(o)}) removed` });
    }
  }
  for (const n of unmatchedNew.values()) add(n.operationId, { kind: 'operation-added', severity: 'non-breaking', pointer: n.pointer, message: `operation ${n.operationId} (${wireId(n)}) added` });
  for (const [o, n] of pairs) for (const c of diffOperation(o, n)) add(n.operationId, c);

  if (changes.length === 0 && JSON.stringify(oldSpec.document) !== JSON.stringify(newSpec.document)) {
    add('*', { kind: 'documentation-changed', severity: 'non-breaking', pointer: '', message: 'descriptions, examples or other non-contract text changed' });
  }
  return { provider, changes, bump: bumpFor(changes) };
}

export function bumpFor(changes: Array<{ kind: string; severity: Severity }>): Bump {
  if (changes.some((c) => c.severity === 'breaking')) return 'major';
  if (changes.some((c) => ADDITIVE.has(c.kind))) return 'minor';
  return changes.length ? 'patch' : 'none';
}

type OpChange = Omit<SpecChange, 'provider' | 'operationId'>;

export function diffOperation(o: Operation, n: Operation): OpChange[] {
  const out: OpChange[] = [];
  const ow = `${o.wire.method} ${o.wire.path}${o.wire.rpc ? ` Action=${o.wire.rpc.action} Version=${o.wire.rpc.version}` : ''}`;
  const nw = `${n.wire.method} ${n.wire.path}${n.wire.rpc ? ` Action=${n.wire.rpc.action} Version=${n.wire.rpc.version}` : ''}`;
  if (ow !== nw) out.push({ kind: 'wire-changed', severity: 'breaking', pointer: `${n.pointer}`, message: `wire binding changed from ${ow} to ${nw}` });
  const lostMethods = (o.wire.rpc?.methods ?? []).filter((m) => !(n.wire.rpc?.methods ?? [o.wire.method]).includes(m));
  if (lostMethods.length) out.push({ kind: 'method-removed', severity: 'breaking', pointer: `${n.pointer}/x-verikit-rpc/methods`, message: `HTTP method ${lostMethods.join(', ')} no longer accepted` });
  for (const a of o.auth.filter((x) => !n.auth.includes(x))) out.push({ kind: 'auth-removed', severity: 'breaking', pointer: `${n.pointer}/security`, message: `auth scheme ${a} no longer accepted` });
  for (const a of n.auth.filter((x) => !o.auth.includes(x))) out.push({ kind: 'auth-added', severity: 'non-breaking', pointer: `${n.pointer}/security`, message: `auth scheme ${a} now accepted` });
  if (o.cost !== n.cost) out.push({ kind: 'cost-changed', severity: 'non-breaking', pointer: `${n.pointer}/x-verikit-cost`, message: `billing changed from ${o.cost} to ${n.cost}` });
  if ((o.requestBody?.contentType ?? '') !== (n.requestBody?.contentType ?? '') && o.requestBody && n.requestBody) {
    out.push({ kind: 'request-content-type-changed', severity: 'breaking', pointer: `${n.pointer}/requestBody`, message: `request content type changed from ${o.requestBody.contentType} to ${n.requestBody.contentType}` });
  }
  for (const c of diffSchema(o.requestSchema, n.requestSchema, '/request', 'request')) out.push(c);
  for (const r of o.responses) {
    const m = n.responses.find((x) => x.status === r.status);
    const at = `/responses/${r.status}`;
    if (!m) {
      const success = r.status >= 200 && r.status < 300;
      out.push({ kind: 'response-removed', severity: success ? 'breaking' : 'non-breaking', pointer: at, message: `HTTP ${r.status} response no longer documented` });
      continue;
    }
    if (r.contentType !== m.contentType) out.push({ kind: 'response-content-type-changed', severity: 'breaking', pointer: at, message: `HTTP ${r.status} content type changed from ${r.contentType || '(none)'} to ${m.contentType || '(none)'}` });
    for (const c of diffSchema(r.schema, m.schema, `${at}/body`, 'response')) out.push(c);
  }
  for (const r of n.responses.filter((x) => !o.responses.some((y) => y.status === x.status))) {
    out.push({ kind: 'response-added', severity: 'non-breaking', pointer: `/responses/${r.status}`, message: `HTTP ${r.status} response now documented` });
  }
  out.push(...diffCodes(o, n));
  return out;
}

function diffCodes(o: Operation, n: Operation): OpChange[] {
  const out: OpChange[] = [];
  const byCode = (op: Operation) => new Map(op.codes.map((c) => [c.code, c]));
  const [co, cn] = [byCode(o), byCode(n)];
  for (const [code, c] of co) {
    const m = cn.get(code);
    const at = `/codes/${code}`;
    if (!m) out.push({ kind: 'code-removed', severity: 'breaking', pointer: at, message: `${c.outcome === 'ok' ? 'result' : 'error'} code ${code} (HTTP ${c.status}) removed` });
    else if (m.status !== c.status) out.push({ kind: 'code-status-changed', severity: 'breaking', pointer: at, message: `code ${code} moved from HTTP ${c.status} to HTTP ${m.status}` });
    else if (m.outcome !== c.outcome) out.push({ kind: 'code-outcome-changed', severity: 'breaking', pointer: at, message: `code ${code} outcome changed from ${c.outcome} to ${m.outcome}` });
  }
  for (const [code, c] of cn) {
    if (!co.has(code)) out.push({ kind: 'code-added', severity: 'non-breaking', pointer: `/codes/${code}`, message: `new ${c.outcome === 'ok' ? 'result' : 'error'} code ${code} (HTTP ${c.status})` });
  }
  return out;
}
