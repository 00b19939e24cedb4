/** `verikit pact compare`: the strict bi-directional check of consumer pacts against the specs. */
import { escapeTerminal } from '../../core/terminal.ts';
import { UsageError } from '../../core/errors.ts';
import { redactText } from '../../core/redact.ts';
import { loadSpecs } from '../../spec/load.ts';
import { comparePact, formatFindings } from '../compare.ts';
import { readPactFile } from '../pactfile.ts';
import { HELP, parse } from './args.ts';

export const COMPARE_HELP = `usage: verikit pact compare [--json] <pact.json>...

Checks every interaction of a consumer's pact against the specs: the operation exists, the request sends
documented parameters, body, content type and credentials, and the expected response uses only the
statuses, error codes and fields the spec documents for that status. Anything else is a finding.

  --json   print the findings as JSON

exit codes: 0 no findings, 1 findings, 2 usage error or unreadable pact`;

export default async function compare(argv: string[]): Promise<number> {
  const { values: f, positionals } = parse({ args: argv, strict: true, allowPositionals: true, options: { json: { type: 'boolean' }, help: HELP } }, 'compare');
  if (f.help) {
    console.log(COMPARE_HELP);
    return 0;
  }
  if (!positionals.length) throw new UsageError('no pact file given', 'pass one or more pact files: verikit pact compare <pact.json>');
  const specs = await loadSpecs('specs');
  const reports = [];
  for (const file of positionals) {
    const pact = await readPactFile(file);
    reports.push({ file, pact, findings: comparePact(pact, specs) });
  }
  if (f.json) {
    const out = reports.map((r) => ({ file: r.file, consumer: r.pact.consumer, provider: r.pact.provider, interactions: r.pact.interactions.length, findings: r.findings }));
    console.log(escapeTerminal(redactText(JSON.stringify(out, null, 2)), { keepLines: true }));
  } else {
    for (const r of reports) console.log(escapeTerminal(redactText(`${r.file}\n${formatFindings(r.pact, r.findings)}`), { keepLines: true }));
  }
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}
