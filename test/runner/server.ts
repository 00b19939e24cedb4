import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Target } from '../../src/runner/targets/types.ts';
import type { ProviderId } from '../../src/spec/model.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 (free port) whose behaviour a test swaps; counts requests. */
export async function tinyServer(initial: Handler) {
  let handler = initial;
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    set: (h: Handler) => { handler = h; },
    requests: () => count,
    reset: () => { count = 0; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** A live-like target pointing every provider at `url` with no credentials needed. */
export function fixedTarget(provider: ProviderId, url: string): Target {
  return {
    kind: 'mock', providers: { [provider]: { baseUrl: url, credentials: {} } }, capabilities: new Set(), missing: () => 'not in this test',
    readCode: async () => undefined, advanceClock: async () => undefined, mintToken: async () => '', close: async () => undefined,
  };
}

export const json = (status: number, body: unknown): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
