// A spec-driven generic mock for the scale benchmark (the verikit mocks serve the real operations only):
// for any spec with JPush Basic auth and JSON bodies it verifies the Authorization header, validates the
// body against the operation's request schema, and answers the documented ok example, or the documented
// 9012 (invalid) / 9010-9011 (auth) codes.
// Usage: node --import tsx bench/servers/generic-mock.ts <spec.yaml>  -> prints {"url": ...}
import { createServer } from 'node:http';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadSpec } from '../../src/spec/load.ts';
import { verifyBasic } from '../../src/signing/jpush.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import type { Operation } from '../../src/spec/model.ts';

const spec = await loadSpec(process.argv[2]);
const ajv = new Ajv2020({ strict: false });
const { appKey, masterSecret } = TEST_CREDENTIALS.jpush;
const secretFor = (k: string) => (k === appKey ? masterSecret : undefined);

interface Route { validate: (b: unknown) => boolean; ok: string }
const routes = new Map<string, Route>();
const compiled = new Map<string, (b: unknown) => boolean>();
function validatorFor(op: Operation): (b: unknown) => boolean {
  const schema = op.requestBody?.schema ?? {};
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (!v) compiled.set(key, (v = ajv.compile(schema) as (b: unknown) => boolean));
  return v;
}
for (const op of spec.operations) {
  const ok = op.responses.find((r) => r.status === 200);
  const okCode = op.codes.find((c) => c.outcome === 'ok')?.code;
  const example = Object.entries(ok?.examples ?? {}).find(([name]) => name === okCode)?.[1] ?? Object.values(ok?.examples ?? {})[0];
  routes.set(op.wire.path, { validate: validatorFor(op), ok: JSON.stringify(example ?? {}) });
}

const send = (res: import('node:http').ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const route = routes.get((req.url ?? '/').split('?')[0]);
    if (!route) return send(res, 404, '{"code":9013,"content":"no such operation"}');
    const auth = verifyBasic(req.headers.authorization, secretFor);
    if (!auth.ok) return send(res, auth.status, JSON.stringify({ code: Number(auth.code), content: auth.message }));
    let body: unknown;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return send(res, 200, '{"code":9012,"content":"parameter invalid"}'); }
    if (!route.validate(body)) return send(res, 200, '{"code":9012,"content":"parameter invalid"}');
    send(res, 200, route.ok);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
