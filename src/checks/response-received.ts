import type { Check } from './types.ts';

/** The provider gave an HTTP answer at all (not a reset, refused connection or timeout). */
export const responseReceived: Check = {
  name: 'response-received',
  kind: 'contract',
  run({ exchange }) {
    if (exchange.response) return { check: this.name, status: 'pass' };
    const e = exchange.error;
    return { check: this.name, status: 'fail', kind: 'error', message: `received no HTTP answer (${e?.code ?? 'VK_NETWORK'}: ${e?.message ?? 'unknown'}) documented an HTTP response` };
  },
};
