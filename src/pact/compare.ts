/**
 * The strict bi-directional check (pure): a consumer's pact against the specs. Every interaction must
 * name a documented operation, send documented parameters, body, content type and credentials, and
 * expect only what the spec documents for that status: an undocumented response field, status or
 * error code is a finding (a consumer relying on it is the next outage).
 */
import type { Operation, ProviderSpec } from '../spec/model.ts';
import type { PactDocument, PactHttp, PactInteraction } from './pactfile.ts';
import { checkRequest } from './compare-request.ts';
import { shapeDeviations } from './shape.ts';
import { codeOf } from '../checks/outcome.ts';

export type CompareKind =
  | 'unknown-provider'
  | 'undocumented-operation'
  | 'method'
  | 'request-param'
  | 'request-body'
  | 'content-type'
  | 'auth'
  | 'undocumented-status'
  | 'undocumented-code'
  | 'undocumented-field'
  | 'response-schema';

export interface CompareFinding {
  interaction: string;
  kind: CompareKind;
  message: string;
  /** JSON path or parameter name the finding is about. */
  path?: string;
}

function header(h: PactHttp, name: string): string | undefined {
  return h.headers[name.toLowerCase()];
}

/** The documented operation an interaction's request is aimed at (RPC Action, or method + path). */
export function findOperation(spec: ProviderSpec, req: PactHttp): Operation | undefined {
  const action = req.query.Action?.[0] ?? header(req, 'x-acs-action');
  if (action) {
    const rpc = spec.operations.find((o) => o.wire.rpc?.action === action);
    if (rpc) return rpc;
  }
  const onPath = (o: Operation) => !o.wire.rpc && pathPattern(o.wire.path).test(req.path);
  return spec.operations.find((o) => onPath(o) && o.wire.method === req.method) ?? spec.operations.find(onPath);
}

/** A documented path (with `{param}` segments) as a regex. */
function pathPattern(p: string): RegExp {
  const segs = p.replace(/\/+$/, '').split('/').map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segs.join('/')}/?$`);
}

function checkResponse(spec: ProviderSpec, op: Operation, i: PactInteraction, code: string): Omit<CompareFinding, 'interaction'>[] {
  const out: Omit<CompareFinding, 'interaction'>[] = [];
  const { status, body } = i.response;
  const documented = op.responses.find((r) => r.status === status);
  if (!documented) {
    const known = op.responses.map((r) => r.status).join(', ');
    return [{ kind: 'undocumented-status', message: `expects HTTP ${status}; ${op.operationId} documents ${known || 'no statuses'}`, path: 'status' }];
  }
  if (code !== '' && !op.codes.some((c) => c.status === status && c.code === code)) {
    const other = op.codes.find((c) => c.code === code);
    const why = other ? ` (documented with HTTP ${other.status})` : '';
    out.push({ kind: 'undocumented-code', message: `expects ${spec.codeField} "${code}" with HTTP ${status}, which ${op.operationId} does not document${why}`, path: `$.${spec.codeField}` });
  }
  if (body === undefined) return out;
  for (const d of shapeDeviations(documented.schema, body)) {
    out.push(d.undocumented
      ? { kind: 'undocumented-field', message: `relies on ${d.path}, which the spec does not document for ${op.operationId} ${status}`, path: d.path }
      : { kind: 'response-schema', message: `expects what the spec does not document: ${d.message.replace(/^received /, '')}`, path: d.path });
  }
  return out;
}

/** Checks every HTTP interaction of a pact against the specs; returns the findings (empty = clean). */
export function comparePact(pact: PactDocument, specs: ProviderSpec[]): CompareFinding[] {
  const spec = specs.find((s) => s.id === pact.provider);
  if (!spec) {
    return [{ interaction: '*', kind: 'unknown-provider', message: `provider "${pact.provider}" has no spec; known: ${specs.map((s) => s.id).join(', ')}` }];
  }
  const findings: CompareFinding[] = [];
  for (const i of pact.interactions) {
    const add = (f: Omit<CompareFinding, 'interaction'>) => findings.push({ interaction: i.description, ...f });
    const op = findOperation(spec, i.request);
    if (!op) {
      add({ kind: 'undocumented-operation', message: `${i.request.method} ${i.request.path} matches no documented operation of ${spec.id}` });
      continue;
    }
    const code = codeOf(spec, i.response.body) ?? '';
    const expectsError = op.codes.some((c) => c.status === i.response.status && c.code === code && c.outcome === 'error');
    checkRequest(op, i.request, expectsError).forEach(add);
    checkResponse(spec, op, i, code).forEach(add);
  }
  return findings;
}

/** Human-readable report. */
export function formatFindings(pact: PactDocument, findings: CompareFinding[]): string {
  const head = `${pact.consumer} -> ${pact.provider}: ${pact.interactions.length} interaction(s), ${findings.length} finding(s)`;
  return [head, ...findings.map((f) => `  [${f.kind}] ${f.interaction}: ${f.message}`)].join('\n');
}
