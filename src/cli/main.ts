import { formatError, UsageError, VerikitError } from '../core/errors.ts';
import { redactText } from '../core/redact.ts';
import { escapeTerminal } from '../core/terminal.ts';

/** A subcommand: parses its own argv, returns the process exit code (0 ok, 1 findings, 2 usage). */
export type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: 'lint the OpenAPI specs in specs/', load: async () => (await import('./commands/lint.ts')).default },
  generate: { summary: 'generate types, schemas, validators and the type package (--check: fail when stale)', load: async () => (await import('./commands/generate.ts')).default },
  mock: { summary: 'start the embedded mock providers', load: async () => (await import('./commands/mock.ts')).default },
  proxy: { summary: 'reverse proxy that checks real traffic against the specs (re-signs host-bound signatures)', load: async () => (await import('./commands/proxy.ts')).default },
  run: { summary: 'run the conformance cases and write reports', load: async () => (await import('./commands/run.ts')).default },
  pact: { summary: 'pact generate | verify | publish | compare', load: async () => (await import('./commands/pact.ts')).default },
  drift: { summary: 'detect provider drift against the specs and a baseline', load: async () => (await import('./commands/drift.ts')).default },
  replay: { summary: 're-run all checks on recorded exchanges offline', load: async () => (await import('./commands/replay.ts')).default },
  diff: { summary: 'compare two versions of a spec (breaking / non-breaking)', load: async () => (await import('./commands/diff.ts')).default },
  release: { summary: 'release @verikit/types: bump from the spec diff, changelog, pack, publish', load: async () => (await import('./commands/release.ts')).default },
  merge: { summary: 'merge the reports of `run --shard i/n` jobs into one report', load: async () => (await import('./commands/merge.ts')).default },
};

export function usage(): string {
  const lines = ['usage: verikit <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `verikit <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    console.log('0.1.0');
    return 0;
  }
  const entry = commands[name];
  try {
    if (!entry) throw new UsageError(`unknown command "${name}"`, `use one of: ${Object.keys(commands).join(', ')}`);
    const cmd = await entry.load();
    return await cmd(rest);
  } catch (err) {
    console.error(escapeTerminal(redactText(formatError(err)), { keepLines: true }));
    if (process.env.VERIKIT_DEBUG && err instanceof Error && !(err instanceof VerikitError)) console.error(escapeTerminal(redactText(err.stack ?? ''), { keepLines: true }));
    return err instanceof VerikitError ? err.exitCode : 2;
  }
}
