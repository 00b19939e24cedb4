#!/usr/bin/env node
// `npm run bench`: runs the TypeScript harness (bench/main.ts) through tsx. See bench/README.md.
process.env.PACT_DO_NOT_TRACK ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { cli } = await import('./main.ts');
process.exitCode = await cli(process.argv.slice(2));
