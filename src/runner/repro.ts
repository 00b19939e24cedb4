/**
 * The command that reproduces one case: `npx verikit run --target … [--base-url …] --case <id> --seed <n>`,
 * plus the flags that change what the case finds (check filters, a non-default latency budget, timeout
 * or body limit, or, for `verikit drift`, baseline file).
 * Never credentials or numbers: cost-guard flags (--allow-send, --allow-number, --max-sends) are left for
 * the user to add, and a base URL loses its user:password part and any registered secret. Every argument
 * is shell-quoted (POSIX sh; control characters as bash $'…' escapes), so the line is safe to paste and
 * safe to print. Pure.
 */
import { redactUrl } from '../core/redact.ts';
import { DEFAULT_BASELINE_FILE } from '../drift/baseline.ts';
import { MAX_BODY_BYTES } from './http.ts';
import type { ProviderId } from '../spec/model.ts';

export interface ReproContext {
  /** The command to re-run the case with (default run). */
  command?: 'run' | 'drift';
  /** drift: the baseline file, printed when not the default. */
  baseline?: string;
  target: 'mock' | 'live';
  seed: number;
  /** Live endpoints (only the case's provider's is printed). */
  baseUrls?: Partial<Record<ProviderId, string>>;
  checks?: readonly string[];
  excludeChecks?: readonly string[];
  /** Printed when not the default (5000 ms). */
  latencyBudgetMs?: number;
  /** Printed when not the default (10000 ms). */
  timeoutMs?: number;
  /** Printed when not the default (64 KiB): it decides whether a body is kept or cut. */
  maxBodyBytes?: number;
}

const DEFAULT_LATENCY_BUDGET_MS = 5000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** One argument quoted for a POSIX shell; left bare when it holds only safe characters. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  // Control characters would be raw bytes inside '…' (and act on a terminal): bash's $'…' spells them out.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u.test(arg)) {
    const body = [...arg].map((c) => {
      const n = c.codePointAt(0)!;
      if (c === '\\' || c === "'") return `\\${c}`;
      if (n < 0x20 || (n >= 0x7f && n <= 0x9f)) return `\\x${n.toString(16).padStart(2, '0')}`;
      if ((n >= 0x2028 && n <= 0x2029) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069) || (n >= 0xd800 && n <= 0xdfff)) return `\\u${n.toString(16).padStart(4, '0')}`;
      return c;
    });
    return `$'${body.join('')}'`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A base URL without user:password and with registered secrets redacted. */
export function publicUrl(url: string): string {
  let out = url;
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
      out = u.toString();
      // URL adds a trailing slash to a bare origin; keep the user's spelling otherwise.
      if (!url.endsWith('/') && out.endsWith('/') && u.pathname === '/') out = out.slice(0, -1);
    }
  } catch {
    // not a URL: printed as given (it was validated as http(s)://… by the flag parser)
  }
  return redactUrl(out);
}

export function reproArgs(ctx: ReproContext, caseId: string): string[] {
  const args = [ctx.command ?? 'run', '--target', ctx.target];
  const provider = caseId.split('/')[0] as ProviderId;
  const base = ctx.target === 'live' ? ctx.baseUrls?.[provider] : undefined;
  if (base) args.push('--base-url', `${provider}=${publicUrl(base)}`);
  args.push('--case', caseId, '--seed', String(ctx.seed));
  if (ctx.checks?.length) args.push('--checks', ctx.checks.join(','));
  if (ctx.excludeChecks?.length) args.push('--exclude-checks', ctx.excludeChecks.join(','));
  if (ctx.latencyBudgetMs !== undefined && ctx.latencyBudgetMs !== DEFAULT_LATENCY_BUDGET_MS) args.push('--latency-budget', String(ctx.latencyBudgetMs));
  if (ctx.timeoutMs !== undefined && ctx.timeoutMs !== DEFAULT_TIMEOUT_MS) args.push('--timeout', String(ctx.timeoutMs));
  if (ctx.maxBodyBytes !== undefined && ctx.maxBodyBytes !== MAX_BODY_BYTES) args.push('--max-body', String(ctx.maxBodyBytes));
  if (ctx.baseline !== undefined && ctx.baseline !== DEFAULT_BASELINE_FILE) args.push('--baseline', ctx.baseline);
  return args;
}

/** `npx verikit run … --case <caseId> --seed <n> …` (or `drift …`), quoted. */
export function reproCommand(ctx: ReproContext, caseId: string): string {
  return ['npx', 'verikit', ...reproArgs(ctx, caseId)].map(shellQuote).join(' ');
}
