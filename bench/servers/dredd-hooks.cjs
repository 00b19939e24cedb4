// Dredd hook file for the engine benchmark: signs every transaction the way verikit does (fresh
// ACS3-HMAC-SHA256 signature, nonce and phone number) with verikit's own transport, loaded through tsx.
const hooks = require('hooks');

let bench;
hooks.beforeAll((transactions, done) => {
  import(`${process.env.VK_ROOT}/bench/lib/benchop.ts`)
    .then((m) => m.loadBenchOp(process.env.VK_ROOT))
    .then((b) => { bench = b; done(); }, (e) => { hooks.log(`cannot load the signer: ${e.message}`); done(); });
});

hooks.beforeEach((transaction) => {
  const r = bench.request(`http://${transaction.host}:${transaction.port}`);
  const u = new URL(r.url);
  transaction.fullPath = `${u.pathname}${u.search}`;
  transaction.request.uri = transaction.fullPath;
  transaction.request.headers = { ...r.headers };
  if (r.body !== undefined) transaction.request.body = r.body;
});
