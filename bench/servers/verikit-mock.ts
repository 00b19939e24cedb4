// The verikit mock in its own process, for load tests: node --import tsx bench/servers/verikit-mock.ts [provider...]
// Prints {"urls": {...}} once listening; stops on SIGTERM.
import { startMocks } from '../../src/mock/index.ts';
import type { ProviderId } from '../../src/spec/model.ts';

const providers = process.argv.slice(2) as ProviderId[];
const mocks = await startMocks({ portBase: 0, providers: providers.length ? providers : undefined });
process.stdout.write(`${JSON.stringify({ urls: mocks.urls })}\n`);
process.on('SIGTERM', () => { void mocks.close().then(() => process.exit(0)); });
