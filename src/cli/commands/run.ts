/** `verikit run`: generate the cases, run them against a target, stream reports, print a summary. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { gitCommit, intFlag as int, parseAllowNumbers, parseBaseUrls, providerFlag as provider } from '../../config/flags.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load.ts';
import { parseByteSize } from '../../config/size.ts';
import { join } from 'node:path';
import { withInterrupt } from '../interrupt.ts';
import { escapeTerminal } from '../../core/terminal.ts';
import { createPactCollector, DEFAULT_CONSUMER } from '../../pact/index.ts';
import { loadPreviousSummary, openReportWriter } from '../../reports/index.ts';
import { runConformance, type Progress } from '../../runner/run.ts';
import { parseShard } from '../../runner/shard.ts';
import { exitCodeOf, summaryTable } from '../../runner/table.ts';
import { checkCoverage, coverageLines, parseMinCoverage } from '../../runner/coverage-gate.ts';
import { createLiveTarget } from '../../runner/targets/live.ts';
import { createMockTarget } from '../../runner/targets/mock.ts';
import type { Target } from '../../runner/targets/types.ts';
import { loadSpecs } from '../../spec/load.ts';
import { describeFilters, printable } from '../../runner/filters.ts';
import { listedCases, listJson, listLine } from '../../runner/list.ts';
import { planCases } from '../../cases/plan.ts';
import { reproCommand } from '../../runner/repro.ts';
import { FILTER_HELP, FILTER_OPTIONS, resolveRunFilters } from '../filter-flags.ts';
import type { ProviderId, ProviderSpec } from '../../spec/model.ts';

export const RUN_HELP = `usage: verikit run [options]

  --provider <id>          run only this provider (repeatable; default all)
  --target mock|live       mock (default): embedded mocks; live: real endpoints
  --base-url <id>=<url>    live endpoint for a provider (repeatable)
  --seed <n>               case generation seed (default 1)
  --allow-send             live: allow operations that send or bill
  --allow-number <number>  live: a number billed operations may reach (repeatable), with country code: +8613900001234 or 86-13900001234
  --max-sends <n>          live: most billed requests in this run (default 0)
  --report-dir <dir>       where reports go (default reports/)
  --shard <i/n>            run only shard i of n
  --config <file>          config file (default verikit.config.yaml when present)
  --latency-budget <ms>    response-time budget per request (default 5000; 0 = off)
  --max-per-operation <n>  bound on cases per operation (default 60)
  --concurrency <n>        requests in flight (default 8)
  --timeout <ms>           per-request timeout (default 10000)
  --rate-limit <n>         request starts per second per provider (default: 5 live, unlimited on mocks)
  --consumer <name>        consumer name of the pacts written to <report-dir>/pacts (default verikit)
  --min-coverage <k>=<pct> exit 1 when coverage of k (operations, statuses, codes, constraints) is below pct (repeatable);
                           with --operation or --case, coverage is over the operations they keep
  --max-body <size>        bytes of a response body kept (e.g. 64KiB, 1MiB; default 64KiB, at most 64MiB);
                           a body over it is a finding (body-within-limits), not parsed
${FILTER_HELP}
  --case <caseId>          run exactly this case, a flow with all its steps (repeatable); freshly signed;
                           the cost guard applies as usual on live
  --list                   print the cases the run would execute (same seed, shard, filters), one per
                           line: caseId, kind, what it exercises; sends nothing
  --json                   with --list: one JSON object per line (ndjson)

Case ids are <provider>/<operationId>/<case> and <provider>/flow/<flow>, the same for a given spec and
seed whatever the shard, filters or --max-per-operation. On the mock target the plan also has the armed
coverage cases, <provider>/<operationId>/answer-<status>-<code>. Every failing case is printed with the command
that re-runs it (also in junit.xml and index.html).

exit codes: 0 conformant, 1 findings, 2 usage or configuration error`;

export default async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: false, strict: true,
      options: {
        provider: { type: 'string', multiple: true }, target: { type: 'string' }, 'base-url': { type: 'string', multiple: true },
        seed: { type: 'string' }, 'allow-send': { type: 'boolean' }, 'allow-number': { type: 'string', multiple: true },
        'max-sends': { type: 'string' }, 'report-dir': { type: 'string' }, shard: { type: 'string' }, config: { type: 'string' },
        'latency-budget': { type: 'string' }, 'max-per-operation': { type: 'string' }, concurrency: { type: 'string' }, timeout: { type: 'string' }, 'rate-limit': { type: 'string' },
        consumer: { type: 'string' }, 'min-coverage': { type: 'string', multiple: true }, 'max-body': { type: 'string' }, help: { type: 'boolean', short: 'h' },
        ...FILTER_OPTIONS, case: { type: 'string', multiple: true }, list: { type: 'boolean' }, json: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message, 'run `verikit run --help` for the options');
  }
  const f = parsed.values;
  if (f.help) {
    console.log(RUN_HELP);
    return 0;
  }
  const config = await loadConfig(f.config ?? DEFAULT_CONFIG_FILE, f.config !== undefined);
  const targetKind = f.target ?? config.target ?? 'mock';
  if (targetKind !== 'mock' && targetKind !== 'live') throw new UsageError(`--target must be mock or live, got "${targetKind}"`, 'use --target mock (default) or --target live');
  const providers = (f.provider ?? config.providers ?? []).map((p) => provider(p, '--provider'));
  const baseUrls = { ...config.baseUrls, ...parseBaseUrls(f['base-url'], targetKind) };
  const seed = int('seed', f.seed) ?? config.seed ?? 1;
  const shard = f.shard ? parseShard(f.shard) : undefined;
  const reportDir = f['report-dir'] ?? config.reportDir ?? 'reports';
  const minCoverage = { ...config.coverage, ...parseMinCoverage(f['min-coverage']) };
  const allowNumbers = parseAllowNumbers([...(config.costGuard?.allowNumbers ?? []), ...(f['allow-number'] ?? [])]);
  const costGuard = {
    enforce: targetKind === 'live',
    allowSend: f['allow-send'] ?? config.costGuard?.allowSend ?? false,
    allowNumbers,
    maxSends: int('max-sends', f['max-sends']) ?? config.costGuard?.maxSends ?? 0,
  };

  if (f.json && !f.list) throw new UsageError('--json only applies to --list', 'run `verikit run --list --json`');
  const specs = await loadSpecs('specs');
  const chosen = providers.length ? providers : specs.map((s) => s.id);
  for (const p of chosen) if (!specs.some((s) => s.id === p)) throw new UsageError(`no spec for provider ${p}`, `add specs/${p}.yaml or leave it out of --provider`);
  // The mock target arms answers: its plan has the armed coverage cases (listed, selectable by --case).
  const armed = targetKind === 'mock';
  const filters = resolveRunFilters(f, config, specs, chosen, f.provider !== undefined, seed, armed);
  const selected = filters.providers;
  const maxPerOperation = int('max-per-operation', f['max-per-operation'], 1) ?? config.maxPerOperation;
  if (f.list) {
    // The run's own plan, built the same way: nothing is started and nothing is sent.
    const plan = planCases(specs.filter((s) => selected.includes(s.id)), { seed, maxPerOperation, shard, select: filters.select, armed });
    // `verikit run --list | head` closes the pipe early: that is the reader's choice, not an error.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
    const lines: string[] = [];
    for (const c of listedCases(plan)) lines.push(f.json ? listJson(c) : listLine(c));
    process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
    return 0;
  }
  const latencyBudgetMs = int('latency-budget', f['latency-budget']) ?? config.latencyBudgetMs;
  const timeoutMs = int('timeout', f.timeout, 1) ?? config.timeoutMs;
  const maxBodyBytes = parseByteSize('max-body', f['max-body']) ?? config.maxBodyBytes;
  const repro = { target: targetKind, seed, baseUrls, checks: filters.checkNames, excludeChecks: filters.excludeChecks, latencyBudgetMs, timeoutMs, maxBodyBytes } as const;
  const failing: Array<{ caseId: string; check?: string; command: string }> = [];
  let failingMore = 0;
  const target: Target = targetKind === 'mock' ? await createMockTarget({ providers: selected }) : createLiveTarget({ specs, providers: selected, baseUrls });

  try {
    return await withInterrupt(async (signal) => {
      const writer = await openReportWriter(reportDir, { specs, previous: await loadPreviousSummary(reportDir) });
      const pacts = createPactCollector(specs);
      const shown = new Map<ProviderId, number>();
      const progress = (p: Progress) => {
        const step = Math.max(1, Math.ceil(p.total / 4));
        if (p.done !== p.total && p.done - (shown.get(p.provider) ?? 0) < step) return;
        shown.set(p.provider, p.done);
        process.stderr.write(`${p.provider}: ${p.done}/${p.total} cases (${p.failed} failed, ${p.skipped} skipped)\n`);
      };
      for (const [id, pt] of Object.entries(target.providers)) if (pt?.skipReason) process.stderr.write(`${id}: skipped (${escapeTerminal(pt.skipReason)})\n`);
      const { summary, counts } = await runConformance({
        specs, providers: selected, target, seed, shard, costGuard, signal, gitCommit: await gitCommit(),
        latencyBudgetMs, maxPerOperation, timeoutMs,
        concurrency: int('concurrency', f.concurrency, 1) ?? config.concurrency,
        select: filters.select, checks: filters.checks, flowStepOutcome: filters.flowStepOutcome,
        filters: describeFilters({ operations: filters.operations, checks: filters.checkNames, excludeChecks: filters.excludeChecks, cases: filters.caseIds, shard }),
        reproduce: (caseId) => reproCommand(repro, caseId),
        ratePerSecond: int('rate-limit', f['rate-limit'], 1) ?? config.ratePerSecond,
        maxBodyBytes,
        onResult: (r) => {
          writer.add(r);
          pacts.add(r);
          if (r.status !== 'failed' || !r.reproduce) return;
          if (failing.length < 20) failing.push({ caseId: r.caseId, check: r.checks.find((c) => c.status === 'fail')?.check, command: r.reproduce });
          else failingMore++;
        },
        onProgress: progress,
        onPlan: (p) => process.stderr.write(`verikit run: ${p.cases} cases and ${p.flows} flows against the ${target.kind} target (seed ${seed})\n`),
      });
      const bounded = counts.filter((c) => c.generated > c.kept);
      if (bounded.length) process.stderr.write(`bounded: ${bounded.map((c) => `${c.provider}/${c.operationId} ${c.kept} of ${c.generated}`).join(', ')}\n`);
      const pactFiles = await writePacts(pacts, specs.filter((s) => selected.includes(s.id)), join(reportDir, 'pacts'), f.consumer ?? DEFAULT_CONSUMER, summary.errors);
      const files = [...(await writer.finish(summary)), ...pactFiles];
      console.log(summaryTable(summary));
      console.log(`\n${coverageLines(summary.coverage).join('\n')}`);
      if (failing.length) {
        console.log(`\nfailing cases, each with the command that re-runs it${failingMore ? ` (first ${failing.length}; ${failingMore} more in junit.xml)` : ''}:`);
        for (const x of failing) console.log(`  ${printable(x.caseId)}${x.check ? ` (${printable(x.check)})` : ''}\n    ${printable(x.command)}`);
      }
      console.log(`\n${summary.totals.cases} cases in ${summary.durationMs} ms (seed ${seed}${shard ? `, shard ${shard.index}/${shard.total}` : ''}); reports: ${files.join(', ')}`);
      const scope = filters.operations.length || filters.caseIds.length ? `the ${summary.coverage.operations.total} operation(s) the filters kept` : undefined;
      const gate = checkCoverage(summary.coverage, minCoverage, scope);
      for (const f of gate.failures) console.log(`coverage gate: ${f}`);
      return gate.ok ? exitCodeOf(summary) : 1;
    });
  } finally {
    await target.close();
  }
}

/** Pacts are written before the reports; a failure becomes a tool error in the summary, never a lost run. */
async function writePacts(pacts: ReturnType<typeof createPactCollector>, specs: ProviderSpec[], dir: string, consumer: string, errors: Array<{ code: string; message: string }>): Promise<string[]> {
  try {
    return await pacts.write({ specs, dir, consumer });
  } catch (err) {
    errors.push({ code: 'VK_PACT_WRITE', message: `pacts were not written to ${dir}: ${(err as Error).message}` });
    return [];
  }
}
