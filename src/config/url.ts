/**
 * Base URLs (--base-url, baseUrls in the config) validated by parsing, not by a prefix test:
 * "http://127.0.0.1:1\nfile:///etc/passwd" starts with http:// but is not one URL. Pure.
 */
import { ConfigError } from '../core/errors.ts';
import { redactText } from '../core/redact.ts';
import { quoteForError } from './quote.ts';

/** Why `value` is not a usable base URL, or undefined when it is one. */
export function baseUrlProblem(value: string): string | undefined {
  // The WHATWG parser silently drops tabs and newlines and trims spaces/controls: check the raw text first.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/u.test(value)) return 'contains whitespace or a control character';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `has protocol ${url.protocol.slice(0, 20)}; only http: and https: are allowed`;
  if (!url.hostname) return 'has no host';
  if (url.username || url.password) return 'carries a user name or password (credentials come from the environment)';
  if (url.search || url.hash) return 'has a query or fragment (give scheme, host, port and an optional path only)';
  return undefined;
}

/** A message naming the bad value (escaped and truncated: it may be anything). */
export function baseUrlMessage(where: string, value: string, problem: string): string {
  return `${where} ${quoteForError(redactText(value.replace(/\/\/[^/@\s]*@/, '//***@')))} ${problem}`;
}

/** The config's baseUrls, each validated by parsing (a ConfigError naming the key otherwise). */
export function checkBaseUrls<T extends { baseUrls?: Record<string, string | undefined> }>(config: T, file: string): T {
  for (const [id, url] of Object.entries(config.baseUrls ?? {})) {
    const problem = url === undefined ? undefined : baseUrlProblem(url);
    if (problem) {
      throw new ConfigError(baseUrlMessage(`${file} is invalid: /baseUrls/${id}:`, url!, problem), 'give http(s)://host[:port][/path] for that provider', 'VK_BASE_URL');
    }
  }
  return config;
}
