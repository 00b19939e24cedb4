#!/usr/bin/env node
// verikit command-line entry: runs the TypeScript sources directly through tsx, so the CLI can
// never run a stale build.
process.env.PACT_DO_NOT_TRACK ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
