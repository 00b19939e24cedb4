/** `verikit lint [--specs <dir>] [--json]`: lints every specs/*.yaml; exit 0 clean, 1 with issues. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { formatIssue, lintFile, type LintIssue } from '../../spec/lint.ts';
import { displayPath } from '../../spec/load.ts';

export default async function lint(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { specs: { type: 'string', default: 'specs' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message, 'usage: verikit lint [--specs <dir>] [--json]');
  }
  if (values.help) {
    console.log('usage: verikit lint [--specs <dir>] [--json]\n\nChecks every <dir>/*.yaml (default specs/): OpenAPI 3.1 structure, operationId/summary/description,\nrequest and response examples that validate, documented codes with examples, and every seed-page code.');
    return 0;
  }
  let names: string[];
  try {
    names = (await readdir(values.specs)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    throw new UsageError(`cannot read the spec directory ${values.specs}`, 'run from the project root or pass --specs <dir>');
  }
  const issues: LintIssue[] = [];
  let operations = 0;
  for (const n of names) {
    const r = await lintFile(join(values.specs, n));
    issues.push(...r.issues);
    operations += r.spec?.operations.length ?? 0;
  }
  if (values.json) console.log(JSON.stringify({ files: names.length, operations, issues }, null, 2));
  else if (issues.length) for (const i of issues) console.error(formatIssue(i));
  else console.log(`lint: ${names.length} specs, ${operations} operations in ${displayPath(values.specs)}: no issues`);
  if (!values.json && issues.length) console.error(`lint: ${issues.length} issue(s)`);
  return issues.length ? 1 : 0;
}
