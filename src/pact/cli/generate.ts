/** `verikit pact generate`: run the spec-derived cases against the mocks and write one pact per provider. */
import { runConformance } from '../../runner/run.ts';
import { createMockTarget } from '../../runner/targets/mock.ts';
import { loadSpecs } from '../../spec/load.ts';
import { createPactCollector, DEFAULT_CONSUMER } from '../index.ts';
import { intFlag, providerFlag } from '../../config/flags.ts';
import { DEFAULT_PACT_DIR, HELP, parse } from './args.ts';

export const GENERATE_HELP = `usage: verikit pact generate [options]

Runs the spec-derived cases against the embedded mocks and writes one Pact V4 file per provider,
<dir>/<consumer>-<provider>.json, with the positive cases and the documented errors.

  --dir <dir>          output directory (default ${DEFAULT_PACT_DIR})
  --consumer <name>    consumer name (default ${DEFAULT_CONSUMER})
  --provider <id>      only this provider (repeatable; default all)
  --seed <n>           case generation seed (default 1)`;

export default async function generate(argv: string[]): Promise<number> {
  const { values: f } = parse({ args: argv, strict: true, options: { dir: { type: 'string' }, consumer: { type: 'string' }, provider: { type: 'string', multiple: true }, seed: { type: 'string' }, help: HELP } }, 'generate');
  if (f.help) {
    console.log(GENERATE_HELP);
    return 0;
  }
  const specs = await loadSpecs('specs');
  const providers = (f.provider ?? []).map((p) => providerFlag(p, '--provider'));
  const selected = providers.length ? providers : specs.map((s) => s.id);
  const target = await createMockTarget({ providers: selected });
  const collector = createPactCollector(specs);
  try {
    await runConformance({
      specs, providers: selected, target, seed: intFlag('seed', f.seed) ?? 1,
      costGuard: { enforce: false, allowSend: true, allowNumbers: [], maxSends: 0 },
      latencyBudgetMs: 0,
      onResult: (r) => collector.add(r),
    });
  } finally {
    await target.close();
  }
  const files = await collector.write({ specs: specs.filter((s) => selected.includes(s.id)), dir: f.dir ?? DEFAULT_PACT_DIR, consumer: f.consumer });
  for (const file of files) console.log(`wrote ${file}`);
  const missing = selected.filter((p) => !files.some((file) => file.endsWith(`-${p}.json`)));
  for (const p of missing) console.error(`${p}: no case got a documented answer, so no pact was written`);
  return 0;
}
