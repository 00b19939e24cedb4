import { noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** The answer arrived within the configured latency budget (--latency-budget). */
export const responseTimeWithinBudget: Check = {
  name: 'response-time-within-budget',
  kind: 'contract',
  run({ exchange, options }) {
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    if (!(options.latencyBudgetMs > 0)) return { check: this.name, status: 'skip', message: 'no latency budget set' };
    if (res.durationMs <= options.latencyBudgetMs) return { check: this.name, status: 'pass' };
    return { check: this.name, status: 'fail', kind: 'contract', message: `received an answer after ${Math.round(res.durationMs)} ms documented a budget of ${options.latencyBudgetMs} ms` };
  },
};
