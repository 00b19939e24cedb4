import { readFileSync, readdirSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml, PIECEWISE_YAML_CHARS } from '../../src/spec/load.ts';
import { parseYamlInPieces } from '../../src/spec/yaml-chunks.ts';

const OPTIONS = { prettyErrors: true, uniqueKeys: true, merge: false };
const whole = (text: string) => parse(text, OPTIONS);
const specs = readdirSync('specs').filter((n) => n.endsWith('.yaml')).map((n) => ({ name: n, text: readFileSync(`specs/${n}`, 'utf8') }));

const bigSpec = (ops: number) => {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < ops; i++) paths[`/v1/op${i}`] = { post: { operationId: `op${i}`, description: `line one\nline two of ${i}\n`, responses: { 200: { description: 'ok' } }, tags: ['a', 'b'] } };
  return stringify({ openapi: '3.1.0', info: { title: 'big', version: '1' }, security: [{ basic: [] }], paths });
};

describe('parseYamlInPieces', () => {
  // splitAt 1: every mapping entry with a nested mapping is cut as deep as it goes.
  it.each(specs)('$name: same value as parsing it whole, cut as finely as possible', ({ text }) => {
    expect(parseYamlInPieces(text, OPTIONS, { maxAliasCount: 100 }, 1)).toEqual(whole(text));
  });

  const same: Array<{ given: string; name: string; splitAt?: number }> = [
    { name: 'a big generated spec', given: bigSpec(300) },
    { name: 'compact sequences, comments at column 0, block scalars', given: 'a: 1\n# top comment\nb:\n- x\n- y\nc:\n  d:\n# inside c\n    e: |\n      text\n\n      more\n  f: >\n    folded\n    text\n  "quoted key": 2\n  3: three\n' },
    { name: 'an alias inside one (uncut) piece', given: 'a:\n  x: &k [1, 2]\n  y: *k\nb: 2\n', splitAt: 1000 },
    { name: 'CRLF line ends', given: 'a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n' },
  ];
  it.each(same)('$name: same value as parsing it whole', ({ given, splitAt }) => {
    expect(parseYamlInPieces(given, OPTIONS, {}, splitAt ?? 1)).toEqual(whole(given));
  });

  const refused: Array<{ name: string; given: string }> = [
    { name: 'an alias to an anchor in another piece', given: 'a: &k 1\nb: *k\n' },
    { name: 'an alias across cut entries', given: 'a:\n  x: &k [1, 2]\n  y: *k\nb: 2\n' },
    { name: 'a duplicate top-level key', given: 'a: 1\nb: 2\na: 3\n' },
    { name: 'a duplicate key in a cut entry', given: 'p:\n  x: 1\n  y: 2\n  x: 3\n' },
    { name: 'several documents', given: 'a: 1\n---\nb: 2\n' },
    { name: 'a top-level sequence', given: '- a\n- b\n' },
    { name: 'a syntax error', given: 'a: [1, 2\nb: 2\n' },
    { name: 'a directive', given: '%YAML 1.2\n---\na: 1\n' },
  ];
  it.each(refused)('$name: refused (the caller parses the text whole)', ({ given }) => {
    expect(parseYamlInPieces(given, OPTIONS, {}, 1)).toBeUndefined();
  });
});

describe('parseYaml on a big spec', () => {
  it('parses piecewise above the threshold with the same value, and still reports errors with a position', () => {
    const text = bigSpec(2000);
    expect(text.length).toBeGreaterThan(PIECEWISE_YAML_CHARS);
    expect(parseYaml(text, 'big.yaml')).toEqual(whole(text));
    const broken = `${text}\nbroken: [1, 2\n`;
    expect(() => parseYaml(broken, 'big.yaml')).toThrow(/malformed YAML at line \d+, column \d+/);
    expect(() => parseYaml(`${text}\npaths: {}\n`, 'big.yaml')).toThrow(/malformed YAML/);
  });
});

describe('loadSpec on a big spec', () => {
  it('keeps the document as text and gives the same parsed document on use', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadSpec } = await import('../../src/spec/load.ts');
    const small = parse(readFileSync('specs/jiguang-jverification.yaml', 'utf8'), OPTIONS) as { paths: Record<string, unknown> };
    const paths: Record<string, unknown> = {};
    const [path, item] = Object.entries(small.paths)[0];
    for (let i = 0; i < 400; i++) paths[`${path}${i}`] = JSON.parse(JSON.stringify(item).replaceAll('"operationId":"', `"operationId":"n${i}`));
    const text = stringify({ ...small, paths });
    expect(text.length).toBeGreaterThan(PIECEWISE_YAML_CHARS);
    const dir = await mkdtemp(join(tmpdir(), 'vk-big-spec-'));
    await writeFile(join(dir, 'jiguang-jverification.yaml'), text);
    const spec = await loadSpec(join(dir, 'jiguang-jverification.yaml'));
    expect(spec.operations).toHaveLength(400);
    expect(spec.document).toEqual(whole(text));
    expect(spec.document).toBe(spec.document);
  });
});
