/** Reads `x-verikit-codes` / `x-verikit-common-codes` and the auth schemes of an operation. Pure. */
import { SpecError } from '../core/errors.ts';
import type { AuthKind, DocumentedCode } from './model.ts';
import { isObject, need } from './need.ts';
import { childPointer } from './pointer.ts';

const AUTH_KINDS: AuthKind[] = ['acs3-hmac-sha256', 'acs-hmac-sha1', 'huawei-sdk-hmac-sha256', 'huawei-token', 'jpush-basic'];

function readCodeList(list: unknown, at: string, file: string, common: boolean): DocumentedCode[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new SpecError(file, at, 'the code list must be an array', 'write a list of {status, code, message, outcome}');
  return list.map((c, i) => {
    const cAt = childPointer(at, i);
    if (!isObject(c)) throw new SpecError(file, cAt, 'a code entry must be a mapping', 'write {status, code, message, outcome}');
    const status = need(c, 'status', 'number', cAt, file);
    const raw = c.code;
    if (typeof raw !== 'string' && typeof raw !== 'number') throw new SpecError(file, `${cAt}/code`, 'missing or non-string "code"', 'write the code as a string, e.g. code: "9000" ("" = code field absent or empty)', 'VK_SPEC_MISSING');
    const message = need(c, 'message', 'string', cAt, file);
    const outcome = need(c, 'outcome', 'string', cAt, file);
    if (outcome !== 'ok' && outcome !== 'error') throw new SpecError(file, `${cAt}/outcome`, `outcome "${outcome}" is neither ok nor error`, 'write outcome: ok or outcome: error');
    return { status, code: String(raw), message, outcome, common };
  });
}

export function readCodes(doc: Record<string, unknown>, op: Record<string, unknown>, pointer: string, file: string): DocumentedCode[] {
  return [
    ...readCodeList(op['x-verikit-codes'], childPointer(pointer, 'x-verikit-codes'), file, false),
    ...readCodeList(doc['x-verikit-common-codes'], '/x-verikit-common-codes', file, true),
  ];
}

export function readAuth(doc: Record<string, unknown>, op: Record<string, unknown>, pointer: string, file: string): AuthKind[] {
  const own = op.security !== undefined;
  const reqs = (own ? op.security : doc.security) ?? [];
  const at = own ? childPointer(pointer, 'security') : '/security';
  if (!Array.isArray(reqs)) throw new SpecError(file, at, 'security must be a list of requirement objects', 'write security: [{SchemeName: []}]');
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const out: AuthKind[] = [];
  reqs.forEach((req, i) => {
    for (const name of Object.keys(isObject(req) ? req : {})) {
      const scheme = schemes[name];
      const sAt = childPointer('/components/securitySchemes', name);
      if (!isObject(scheme)) throw new SpecError(file, childPointer(at, i, name), `security scheme "${name}" is not defined`, `define it under ${sAt}`);
      const kind = scheme['x-verikit-auth'] as AuthKind;
      if (!AUTH_KINDS.includes(kind)) throw new SpecError(file, `${sAt}/x-verikit-auth`, `missing or unknown x-verikit-auth "${String(kind)}"`, `set x-verikit-auth to one of: ${AUTH_KINDS.join(', ')}`);
      if (!out.includes(kind)) out.push(kind);
    }
  });
  return out;
}
