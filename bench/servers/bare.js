// The limit: a bare node:http server that answers every request with one fixed JSON body.
// Usage: node bench/servers/bare.js '<json body>'  -> prints {"url": "http://127.0.0.1:<port>"}
import { createServer } from 'node:http';

const body = Buffer.from(process.argv[2] ?? '{"ok":true}');
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
