import { bodyJson, codeOf, noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/**
 * A coverage case gets exactly the documented answer it aims at: that HTTP status and that code (the
 * schema is response-schema-conforms' business). Other cases are skipped.
 */
export const documentedAnswerReceived: Check = {
  name: 'documented-answer-received',
  kind: 'contract',
  run({ spec, testCase, exchange }) {
    const want = testCase.answer;
    if (!want) return { check: this.name, status: 'skip', message: 'not a coverage case' };
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    const code = codeOf(spec, bodyJson(res)) ?? '';
    if (res.status === want.status && code === want.code) return { check: this.name, status: 'pass' };
    const show = (status: number, c: string) => `HTTP ${status} ${c === '' ? '(no code)' : c}`;
    return {
      check: this.name, status: 'fail', kind: 'contract',
      message: `received ${show(res.status, code)} documented ${show(want.status, want.code)}${want.via === 'armed' ? ' (armed through the mock control plane)' : ''}`,
    };
  },
};
