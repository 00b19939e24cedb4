/** `verikit pact verify`: replay pacts with the Pact Verifier against the mocks or a live endpoint. */
import { escapeTerminal } from '../../core/terminal.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { redactText } from '../../core/redact.ts';
import { parseAllowNumber } from '../../cases/allow-numbers.ts';
import { createLiveTarget } from '../../runner/targets/live.ts';
import { createMockTarget } from '../../runner/targets/mock.ts';
import type { Target } from '../../runner/targets/types.ts';
import { loadSpecs } from '../../spec/load.ts';
import type { ProviderId } from '../../spec/model.ts';
import { readPactFile } from '../pactfile.ts';
import { verifyPacts, type VerifyOutcome } from '../verify.ts';
import { parseAllowNumbers, parseBaseUrls, providerFlag } from '../../config/flags.ts';
import { DEFAULT_PACT_DIR, HELP, pactFiles, parse } from './args.ts';

export const VERIFY_HELP = `usage: verikit pact verify [options] [pact files...]

Replays pacts (default: every ${DEFAULT_PACT_DIR}/*.json) with the Pact Verifier. Provider states are set
up on the target; every request is signed for real before it is sent.

  --target mock|live       mock (default): the embedded mocks; live: real endpoints
  --base-url <id>=<url>    live endpoint for a provider (repeatable)
  --allow-send             live: allow interactions that send billed messages or calls
  --allow-number <number>  live: the number used for the pacts' (redacted) phone numbers (+8613900001234 or 86-13900001234)
  --report <file>          write the outcome as JSON (default reports/pact-verification.json)

exit codes: 0 every pact verified, 1 a pact failed, 2 usage or configuration error`;

export function formatOutcome(o: VerifyOutcome): string {
  const head = `${o.status.toUpperCase()} ${o.consumer} -> ${o.provider} (${o.interactions} interactions) ${o.file}`;
  if (o.status === 'skipped') return `${head}\n  skipped: ${o.reason}`;
  return [head, ...o.failures.map((f) => `  ${f}`)].join('\n');
}

export default async function verify(argv: string[]): Promise<number> {
  const { values: f, positionals } = parse({
    args: argv, strict: true, allowPositionals: true, options: {
      target: { type: 'string' }, 'base-url': { type: 'string', multiple: true }, 'allow-send': { type: 'boolean' },
      'allow-number': { type: 'string', multiple: true }, report: { type: 'string' }, help: HELP,
    },
  }, 'verify');
  if (f.help) {
    console.log(VERIFY_HELP);
    return 0;
  }
  const kind = f.target ?? 'mock';
  if (kind !== 'mock' && kind !== 'live') throw new UsageError(`--target must be mock or live, got "${kind}"`, 'use --target mock (default) or --target live');
  const urls = parseBaseUrls(f['base-url'], kind);
  const allowNumbers = parseAllowNumbers(f['allow-number'] ?? []);
  const files = await pactFiles(positionals);
  const specs = await loadSpecs('specs');
  const providers = [...new Set(await Promise.all(files.map(async (file) => providerFlag((await readPactFile(file)).provider, file))))] as ProviderId[];
  const target: Target = kind === 'mock' ? await createMockTarget({ providers }) : createLiveTarget({ specs, providers, baseUrls: urls });
  let outcomes: VerifyOutcome[];
  try {
    const liveNumber = allowNumbers[0] ? parseAllowNumber(allowNumbers[0]) : undefined;
    outcomes = await verifyPacts({ files, specs, target, allowSend: f['allow-send'] ?? false, liveNumber });
  } finally {
    await target.close();
  }
  const report = f.report ?? 'reports/pact-verification.json';
  await mkdir(dirname(report), { recursive: true });
  await writeFile(report, redactText(JSON.stringify({ target: kind, outcomes }, null, 2)) + '\n');
  for (const o of outcomes) console.log(escapeTerminal(formatOutcome(o), { keepLines: true }));
  console.log(`report: ${report}`);
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}
