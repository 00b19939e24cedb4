// The verikit mock in its own process, for load tests: node --import tsx bench/servers/verikit-mock.ts [provider...]
// Prints {"urls": {...}} once listening; stops on SIGTERM. With VK_PROFILE_DIR set, SIGUSR2 starts a CPU
// profile (so only the load is profiled, not the start-up) that SIGTERM writes to that directory.
import { startMocks } from '../../src/mock/index.ts';
import type { ProviderId } from '../../src/spec/model.ts';
import { startProfiling, type Profiling } from '../lib/inspector.ts';

const providers = process.argv.slice(2) as ProviderId[];
const mocks = await startMocks({ portBase: 0, providers: providers.length ? providers : undefined });
let profiling: Promise<Profiling> | undefined;
const dir = process.env.VK_PROFILE_DIR;
if (dir) process.on('SIGUSR2', () => { profiling ??= startProfiling(dir, 'mock'); });
process.on('SIGTERM', () => {
  void (async () => {
    await (await profiling)?.stop();
    await mocks.close();
    process.exit(0);
  })();
});
process.stdout.write(`${JSON.stringify({ urls: mocks.urls })}\n`);
