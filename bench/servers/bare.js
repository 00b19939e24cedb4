// The limit: a bare node:http server that answers every request with one fixed answer and does nothing else.
// Usage: node bench/servers/bare.js '<body>' ['{"status":200,"headers":{...}}']  -> prints {"url": "http://127.0.0.1:<port>"}
// The optional second argument is the status and headers to answer with (the sections pass the verikit
// mock's own, so that the bare server puts the same bytes on the wire); default 200, application/json.
import { createServer } from 'node:http';

const body = Buffer.from(process.argv[2] ?? '{"ok":true}');
const meta = JSON.parse(process.argv[3] ?? '{}');
const status = meta.status ?? 200;
const headers = { 'content-type': 'application/json', ...meta.headers, 'content-length': String(body.length) };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(status, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
