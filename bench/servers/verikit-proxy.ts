// verikit proxy in its own process, for the proxy benchmark: node --import tsx bench/servers/verikit-proxy.ts <provider> <upstream> <report-dir>
// Prints {"url": "..."} once listening; on SIGTERM writes its reports and exits.
import { startProxy } from '../../src/proxy/server.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderId } from '../../src/spec/model.ts';

const [provider, upstream, reportDir] = process.argv.slice(2) as [ProviderId, string, string];
const proxy = await startProxy({ specs: await loadSpecs('specs'), upstreams: { [provider]: upstream }, portBase: 0, reportDir, flushEverySeconds: 0 });
process.on('SIGTERM', () => {
  void proxy.close().then(() => process.exit(0));
});
process.stdout.write(`${JSON.stringify({ url: proxy.urls[provider] })}\n`);
