/** Text for a terminal: control characters (escape sequences, carriage returns, bidi and line separators) shown as \uXXXX; tabs and newlines kept. Pure. */
export function terminalSafe(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
