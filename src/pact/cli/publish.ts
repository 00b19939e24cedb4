/** `verikit pact publish`: publish pact files to a Pact Broker (HTTP API over undici). */
import { readFile } from 'node:fs/promises';
import { gitCommit } from '../../config/flags.ts';
import { UsageError, VerikitError } from '../../core/errors.ts';
import { parsePact } from '../pactfile.ts';
import { brokerAuthFromEnv, publishPacts } from '../publish.ts';
import { HELP, pactFiles, parse } from './args.ts';

export const PUBLISH_HELP = `usage: verikit pact publish --broker-url <url> [options] [pact files...]

Publishes pacts (default: every reports/pacts/*.json) with POST /contracts/publish. Credentials come
from the environment: PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.

  --broker-url <url>          the Pact Broker (or PactFlow) base URL (required)
  --consumer-version <v>      consumer version (default: the git commit, git rev-parse HEAD)
  --branch <name>             consumer version branch
  --tag <tag>                 consumer version tag (repeatable)
  --build-url <url>           CI build URL to record`;

async function consumerVersion(given: string | undefined): Promise<string> {
  const version = given ?? (await gitCommit());
  if (version) return version;
  throw new VerikitError('VK_PACT_VERSION', 'no consumer version: this is not a git checkout (git rev-parse HEAD failed)', 'pass --consumer-version <version>');
}

export default async function publish(argv: string[]): Promise<number> {
  const { values: f, positionals } = parse({
    args: argv, strict: true, allowPositionals: true, options: {
      'broker-url': { type: 'string' }, 'consumer-version': { type: 'string' }, branch: { type: 'string' },
      tag: { type: 'string', multiple: true }, 'build-url': { type: 'string' }, help: HELP,
    },
  }, 'publish');
  if (f.help) {
    console.log(PUBLISH_HELP);
    return 0;
  }
  const brokerUrl = f['broker-url'];
  if (!brokerUrl || !/^https?:\/\//.test(brokerUrl)) throw new UsageError(`--broker-url ${brokerUrl ? `"${brokerUrl}" is not an http(s) URL` : 'is required'}`, 'pass --broker-url https://your-broker.example.com');
  const files = await pactFiles(positionals);
  const pacts = await Promise.all(files.map(async (file) => {
    const content = await readFile(file, 'utf8');
    const doc = parsePact(JSON.parse(content), file);
    return { file, consumer: doc.consumer, provider: doc.provider, content };
  }));
  const version = await consumerVersion(f['consumer-version']);
  const results = await publishPacts({ brokerUrl, pacts, consumerVersion: version, branch: f.branch, tags: f.tag, buildUrl: f['build-url'], auth: brokerAuthFromEnv() });
  for (const r of results) {
    console.log(`published ${pacts.filter((p) => p.consumer === r.consumer).length} pact(s) for ${r.consumer} version ${version}${f.branch ? ` (branch ${f.branch})` : ''}`);
    for (const n of r.notices) console.log(`  ${n}`);
  }
  return 0;
}
