/** Runs one generated case or one flow and turns it into a CaseResult. Never throws. */
import { runChecks } from '../checks/index.ts';
import { flowStepOutcome } from '../checks/flow-step-outcome.ts';
import type { CaseResult, CheckResult, Exchange, TestCase } from '../core/types.ts';
import type { FlowCase, FlowContext } from '../cases/flows/types.ts';
import { ANSWER_HEADER } from '../mock/answers.ts';
import { substitutePhones, wireNumbersIn } from './cost-guard.ts';
import type { ExecContext } from './context.ts';
import { exchangeFor } from './exchange.ts';
import { operationOf } from '../spec/load.ts';

function skipped(tc: { id: string; provider: TestCase['provider']; operationId: string; kind: TestCase['kind']; title: string }, reason: string, testCase?: TestCase): CaseResult {
  return { caseId: tc.id, provider: tc.provider, operationId: tc.operationId, kind: tc.kind, title: tc.title, status: 'skipped', skipReason: reason, checks: [], exchanges: [], durationMs: 0, testCase };
}

const NO_PHONES: string[] = [];
/** The numbers a request reaches (international digits), looked for only when the cost guard reads them (enforced, billed). */
function phonesFor(ctx: ExecContext, provider: TestCase['provider'], billed: boolean, input: TestCase['input']): string[] {
  return ctx.guard.options.enforce && billed ? wireNumbersIn(provider, input) : NO_PHONES;
}

function statusOf(checks: CheckResult[]): 'passed' | 'failed' {
  return checks.some((c) => c.status === 'fail') ? 'failed' : 'passed';
}

export async function executeCase(ctx: ExecContext, tc: TestCase): Promise<CaseResult> {
  const spec = ctx.specs.get(tc.provider)!;
  const op = operationOf(spec, tc.operationId)!;
  const pt = ctx.target.providers[tc.provider];
  if (!pt || pt.skipReason) return skipped(tc, pt?.skipReason ?? 'provider not selected', tc);
  const live = tc.billed ? ctx.nextLiveNumber(tc.provider) : undefined;
  if (live && 'skip' in live) return skipped(tc, live.skip, tc);
  const input = live ? substitutePhones(tc.provider, tc.input, live) : tc.input;
  const admission = ctx.guard.admit(tc.billed, phonesFor(ctx, tc.provider, tc.billed, input));
  if (!admission.ok) return skipped(tc, admission.reason, tc);
  const started = performance.now();
  const armed = tc.answer?.via === 'armed' ? await armFor(ctx, tc) : undefined;
  if (typeof armed === 'string') return skipped(tc, armed, tc);
  const sent = armed ? { ...input, header: { ...input.header, [ANSWER_HEADER]: armed.key } } : input;
  // an armed answer is used up by the first attempt: never retried
  const exchange = await exchangeFor(ctx, spec, op, tc.id, sent, tc.auth, tc.billed || !!armed);
  const checks = runChecks({ spec, operation: op, testCase: tc, exchange, validate: ctx.validator(op), options: { latencyBudgetMs: ctx.latencyBudgetMs } }, ctx.checks);
  return {
    caseId: tc.id, provider: tc.provider, operationId: tc.operationId, kind: tc.kind, title: tc.title,
    status: statusOf(checks), checks, exchanges: [exchange], durationMs: Math.round(performance.now() - started), testCase: input === tc.input ? tc : { ...tc, input },
  };
}

let armSeq = 0;
/** Arms the case's documented answer for its own request; a reason to skip when the target cannot. */
async function armFor(ctx: ExecContext, tc: TestCase): Promise<{ key: string } | string> {
  if (!ctx.target.armAnswer) return 'an armed answer needs the mock target (a live provider answers only on its own)';
  const key = `vk-${process.pid}-${++armSeq}`;
  await ctx.target.armAnswer(tc.provider, tc.operationId, tc.answer!, key);
  return { key };
}

/** Runs a flow's steps in order; stops at the first failed step. Contract checks run on every call too. */
export async function executeFlow(ctx: ExecContext, flow: FlowCase): Promise<CaseResult> {
  const spec = ctx.specs.get(flow.provider)!;
  const pt = ctx.target.providers[flow.provider];
  if (!pt || pt.skipReason) return skipped(flow, pt?.skipReason ?? 'provider not selected');
  const lacking = flow.requires.find((c) => !ctx.target.capabilities.has(c));
  if (lacking) return skipped(flow, `flow ${ctx.target.missing(lacking)}`);
  const live = ctx.nextLiveNumber(flow.provider);
  if (live && 'skip' in live) return skipped(flow, live.skip);
  const fctx: FlowContext = { phone: live ?? flow.phone, vars: {} };
  const checks: CheckResult[] = [];
  const exchanges: Exchange[] = [];
  const started = performance.now();
  let n = 0;
  // A failing flow is reported against the operation whose step failed.
  let blamed = flow.operationId;
  let quotaSet = false;
  for (const step of flow.steps) {
    if (ctx.signal?.aborted) break;
    n++;
    if (step.do === 'read-code') {
      fctx.code = await ctx.target.readCode(flow.provider, fctx.phone, flow.title);
      if (fctx.code === undefined) {
        checks.push({ check: 'flow-step-outcome', status: 'fail', kind: 'contract', message: `received no code in the outbox for "${step.title}" documented a code sent to the number` });
        break;
      }
      continue;
    }
    if (step.do === 'advance-clock') { await ctx.target.advanceClock(flow.provider, step.ms); continue; }
    if (step.do === 'set-quota') {
      quotaSet = true;
      await ctx.target.setQuota!(flow.provider, { operationId: step.operationId, limit: step.limit, windowMs: step.windowMs, scope: step.scope });
      continue;
    }
    if (step.do === 'mint-token') { fctx.token = await ctx.target.mintToken(step.phone ? step.phone(fctx) : fctx.phone.national); continue; }
    const op = operationOf(spec, step.operationId)!;
    const billed = op.cost !== 'free';
    const input = step.input(fctx);
    const admission = ctx.guard.admit(billed, phonesFor(ctx, flow.provider, billed, input));
    if (!admission.ok) {
      if (quotaSet) await ctx.target.setQuota!(flow.provider, null);
      return { ...skipped(flow, admission.reason), checks, exchanges };
    }
    const id = `${flow.id}#${n}`;
    const exchange = await exchangeFor(ctx, spec, op, id, input, 'valid', billed);
    exchanges.push(exchange);
    const tc: TestCase = { id, provider: flow.provider, operationId: op.operationId, kind: 'flow', title: step.title, input, auth: 'valid', expect: { outcome: step.expect === 'success' ? 'success' : 'error' }, billed };
    const stepChecks = runChecks({ spec, operation: op, testCase: tc, exchange, validate: ctx.validator(op), options: { latencyBudgetMs: ctx.latencyBudgetMs } }, ctx.checks);
    if (ctx.flowStepOutcome !== false) stepChecks.push(flowStepOutcome(spec, op, exchange.response, step));
    checks.push(...stepChecks.map((c) => (c.status === 'fail' ? { ...c, message: `step ${n} (${op.operationId}): ${c.message}` } : c)));
    if (stepChecks.some((c) => c.status === 'fail')) {
      blamed = op.operationId;
      break;
    }
    if (step.save && exchange.response) Object.assign(fctx.vars, step.save(exchange.response.json));
  }
  // a quota set by the flow never outlives it (the cases that follow must not be throttled)
  if (quotaSet) await ctx.target.setQuota!(flow.provider, null);
  return {
    caseId: flow.id, provider: flow.provider, operationId: blamed, kind: 'flow', title: flow.title,
    status: statusOf(checks), checks, exchanges, durationMs: Math.round(performance.now() - started),
  };
}
