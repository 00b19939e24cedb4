#!/usr/bin/env python3
"""Applies the memory/speed fixes proposed in bench/RESULTS.md to a COPY of src/ (never to the work tree).

usage: apply.py <copy-root>   (a directory holding a copy of src/)
Each fix is a literal search/replace; a fix whose search text is gone (the code changed) is reported and
skipped. Prints which fixes applied.
"""
import sys, pathlib

root = pathlib.Path(sys.argv[1])
FIXES = {
    'yaml: parse specs with js-yaml (already in node_modules), keep yaml for the error position': [
        ('src/spec/load.ts',
         "export function parseYaml(text: string, file: string): unknown {\n",
         "import { createRequire as __cr } from 'node:module';\n"
         "const __jsyaml = __cr(import.meta.url)('js-yaml') as { load(t: string): unknown };\n"
         "export function parseYaml(text: string, file: string): unknown {\n"
         "  try { return __jsyaml.load(text); } catch { /* fall through: yaml reports line and column */ }\n"),
    ],
    'compile caches keyed by schema text, not schema object': [
        ('src/generate/validators.ts',
         "const compiled = new WeakMap<JSONSchema, ValidateFn>();\nfunction compile(schema: JSONSchema): ValidateFn {\n  let fn = compiled.get(schema);",
         "const compiled = new Map<string, ValidateFn>();\nfunction compile(schema: JSONSchema): ValidateFn {\n  const key = JSON.stringify(schema);\n  let fn = compiled.get(key);"),
        ('src/generate/validators.ts', "    compiled.set(schema, fn);", "    compiled.set(key, fn);"),
        ('src/cases/validate.ts', "const cache = new WeakMap<object, (v: unknown) => boolean>();", "const cache = new Map<string, (v: unknown) => boolean>();"),
        ('src/cases/validate.ts', "  let fn = cache.get(schema);", "  const key = JSON.stringify(schema);\n  let fn = cache.get(key);"),
        ('src/cases/validate.ts', "    cache.set(schema, fn);", "    cache.set(key, fn);"),
    ],
    'per-request timeout timer cleared when the answer is in (instead of AbortSignal.timeout)': [
        ('src/runner/http.ts',
         "  const timer = AbortSignal.timeout(timeoutMs);\n",
         "  const ctl = new AbortController();\n"
         "  const handle = setTimeout(() => ctl.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);\n"
         "  const timer = ctl.signal;\n"),
        ('src/runner/http.ts',
         "    return { error: transportError(err, timer.aborted) };\n  }\n",
         "    return { error: transportError(err, timer.aborted) };\n  } finally {\n    clearTimeout(handle);\n  }\n"),
    ],
    'cases generated one operation at a time while the run goes (flows still up front)': [
        ('src/runner/run.ts',
         "  const generated = opts.generated ?? generateCases(specs, { seed: opts.seed, maxPerOperation: opts.maxPerOperation });\n",
         "  const generated = opts.generated ?? { cases: [] as TestCase[], counts: [] as CaseCount[], flows: specs.flatMap((s) => generateCases([{ ...s, operations: s.operations.length > 50 ? [] : s.operations }], { seed: opts.seed }).flows) };\n"),
        ('src/runner/run.ts',
         "    await forEachBounded(cases, opts.concurrency ?? 8, guarded, opts.signal);\n",
         "    for (const s of specs) for (const o of s.operations) {\n"
         "      const g = generateCases([{ ...s, operations: [o] }], { seed: opts.seed, maxPerOperation: opts.maxPerOperation });\n"
         "      await forEachBounded(inShard(g.cases, opts.shard), opts.concurrency ?? 8, guarded, opts.signal);\n"
         "    }\n"),
    ],
}

only = sys.argv[2:]  # optional: names (substrings) of fixes to apply
for name, edits in FIXES.items():
    if only and not any(o in name for o in only):
        continue
    texts = {}
    ok = True
    for rel, old, new in edits:
        p = root / rel
        s = texts.get(rel) or p.read_text()
        if old not in s:
            print(f'SKIPPED (code changed): {name} [{rel}]')
            ok = False
            break
        texts[rel] = s.replace(old, new, 1)
    if ok:
        for rel, s in texts.items():
            (root / rel).write_text(s)
        print(f'applied: {name}')
