/**
 * The natural-trigger registry names only documented codes, and src/mock/README.md's table of codes is
 * exactly what the specs and the registry say (VK_UPDATE_README=1 rewrites it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { codesTable, NATURAL_TRIGGERS } from '../../src/mock/triggers.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderId } from '../../src/spec/model.ts';

const specs = await loadSpecs('specs');
const START = '<!-- codes table: generated from the specs and src/mock/triggers.ts; test/mock/triggers.test.ts checks it -->';
const END = '<!-- end of the codes table -->';

describe('NATURAL_TRIGGERS', () => {
  const entries = Object.entries(NATURAL_TRIGGERS).flatMap(([p, t]) => Object.keys(t).map((key) => ({ provider: p as ProviderId, key })));
  it.each(entries)('$provider "$key" is a documented code', ({ provider, key }) => {
    const spec = specs.find((s) => s.id === provider)!;
    const space = key.indexOf(' ');
    const op = space > 0 ? spec.operations.find((o) => o.operationId === key.slice(0, space)) : undefined;
    const code = space > 0 ? key.slice(space + 1) : key;
    if (space > 0) expect(op, `operation of ${key}`).toBeDefined();
    const ops = op ? [op] : spec.operations;
    expect(ops.some((o) => o.codes.some((c) => c.code === code)), `${provider} documents ${JSON.stringify(code)}`).toBe(true);
  });
});

describe('src/mock/README.md', () => {
  it('lists every documented code per operation and how the mock reaches it', async () => {
    const file = 'src/mock/README.md';
    const text = await readFile(file, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    expect(a, 'the README has the table markers').toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    const want = `${START}\n${codesTable(specs)}\n${END}`;
    const got = text.slice(a, b + END.length);
    if (got !== want && process.env.VK_UPDATE_README === '1') await writeFile(file, text.slice(0, a) + want + text.slice(b + END.length));
    else expect(got, 'regenerate with VK_UPDATE_README=1 npx vitest run test/mock/triggers.test.ts').toBe(want);
    for (const spec of specs) for (const op of spec.operations) for (const c of op.codes) expect(want).toContain(c.code === '' ? '(none: success)' : `\`${c.code}\``);
  });
});
