/** `verikit pact generate | verify | publish | compare` (see src/pact/README.md). */
import { UsageError } from '../../core/errors.ts';

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<(argv: string[]) => Promise<number>> }> = {
  generate: { summary: 'run the cases against the mocks and write one Pact V4 file per provider', load: async () => (await import('../../pact/cli/generate.ts')).default },
  verify: { summary: 'replay pacts with the Pact Verifier against the mocks or a live endpoint', load: async () => (await import('../../pact/cli/verify.ts')).default },
  publish: { summary: 'publish pacts to a Pact Broker', load: async () => (await import('../../pact/cli/publish.ts')).default },
  compare: { summary: "check a consumer's pact strictly against the specs", load: async () => (await import('../../pact/cli/compare.ts')).default },
};

export const PACT_HELP = ['usage: verikit pact <subcommand> [options]', '', 'subcommands:', ...Object.entries(SUBCOMMANDS).map(([n, c]) => `  ${n.padEnd(9)} ${c.summary}`), '', 'Run `verikit pact <subcommand> --help` for its options.'].join('\n');

export default async function pact(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(PACT_HELP);
    return name ? 0 : 2;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new UsageError(`unknown pact subcommand "${name}"`, `use one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  return (await sub.load())(rest);
}
