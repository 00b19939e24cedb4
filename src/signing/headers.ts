/**
 * Request headers as the signature verifiers read them: one normalising pass (lower-case names, trimmed
 * values, repeated names kept apart) or, for node-style headers, none at all. Pure.
 */
import type { IncomingRequest } from './types.ts';

/**
 * Header values by lower-case name, each trimmed, in arrival order (repeated names and array values kept
 * apart); `first` is what headerValue() would return for the name (the first value as sent, arrays joined by ",").
 */
export function trimmedValues(headers: IncomingRequest['headers'], first?: Map<string, string>): Map<string, string[]> {
  const lower = new Map<string, string[]>();
  for (const k of Object.keys(headers)) {
    const v = headers[k];
    if (v === undefined) continue;
    const n = k.toLowerCase();
    let list = lower.get(n);
    if (list === undefined) {
      lower.set(n, (list = []));
      first?.set(n, Array.isArray(v) ? v.join(',') : v);
    }
    if (Array.isArray(v)) for (const x of v) list.push(x.trim());
    else list.push(v.trim());
  }
  return lower;
}

export function canonicalHeadersOf(lower: Map<string, string[]>, names: readonly string[]): string {
  let out = '';
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    const list = lower.get(n);
    out += `${n}:${list === undefined ? '' : list.length === 1 ? list[0] : list.sort().join(',')}\n`;
  }
  return out;
}

/**
 * The request headers as the verifier reads them. Lower-case names with string values (what node gives a
 * server) are read in place; anything else (mixed case, repeated names, arrays) is normalised once.
 */
export class HeaderView {
  private readonly direct: Record<string, string | undefined> | undefined;
  private readonly first: Map<string, string> | undefined;
  private readonly lower: Map<string, string[]> | undefined;

  constructor(readonly headers: IncomingRequest['headers']) {
    if (isLowerStrings(headers)) {
      this.direct = headers as Record<string, string | undefined>;
    } else {
      this.first = new Map();
      this.lower = trimmedValues(headers, this.first);
    }
  }

  /** What headerValue() gives: the first value as sent, arrays joined by ",". */
  get(name: string): string | undefined {
    if (this.direct === undefined) return this.first!.get(name);
    return Object.hasOwn(this.direct, name) ? this.direct[name] : undefined;
  }

  canonical(names: readonly string[]): string {
    if (this.direct === undefined) return canonicalHeadersOf(this.lower!, names);
    let out = '';
    for (let i = 0; i < names.length; i++) out += `${names[i]}:${this.get(names[i])?.trim() ?? ''}\n`;
    return out;
  }

  /** Lower-case names as sent, in order. */
  names(): string[] {
    const keys = Object.keys(this.headers);
    if (this.direct === undefined) for (let i = 0; i < keys.length; i++) keys[i] = keys[i].toLowerCase();
    return keys;
  }
}

function isLowerStrings(headers: IncomingRequest['headers']): boolean {
  for (const k in headers) {
    if (!Object.hasOwn(headers, k)) return false;
    const v = headers[k];
    if ((typeof v !== 'string' && v !== undefined) || k.toLowerCase() !== k) return false;
  }
  return true;
}
