/**
 * `--case <id>`: checks that every id names a case or flow of the specs with this seed, and suggests
 * the closest ids for one that does not. Case ids do not depend on --max-per-operation, shard or filters
 * (src/cases/index.ts), so every case of an operation counts, bounded out or not. Pure.
 */
import { allArmedCases } from '../cases/coverage-cases.ts';
import { operationCases, providerFlows } from '../cases/index.ts';
import { UsageError } from '../core/errors.ts';
import type { ProviderId, ProviderSpec } from '../spec/model.ts';
import { isFlowId, printable } from './filters.ts';

/**
 * Every case and flow id of the providers the ids name (all providers when an id names none we know);
 * with `armed` (the mock target), the armed coverage cases' ids too.
 */
export function knownCaseIds(specs: readonly ProviderSpec[], seed: number, providers?: readonly string[], armed = false): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    if (providers && !providers.includes(spec.id)) continue;
    for (const f of providerFlows(spec, seed)) out.push(f.id);
    for (const op of spec.operations) for (const c of operationCases(spec, op, seed, Infinity).cases) out.push(c.id);
    if (armed) for (const c of allArmedCases([spec], seed)) out.push(c.id);
  }
  return out;
}

/** Edit distance, bounded work (ids are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Up to `n` known ids closest to `id` (same operation first, then by edit distance). */
export function closestIds(id: string, known: readonly string[], n = 3): string[] {
  const prefix = id.split('/').slice(0, 2).join('/') + '/';
  return known
    .map((k) => ({ k, d: distance(id, k) - (k.startsWith(prefix) ? 1000 : 0) }))
    .sort((x, y) => x.d - y.d || (x.k < y.k ? -1 : 1))
    .slice(0, n)
    .map((x) => x.k);
}

/**
 * The providers of the given case ids; throws a UsageError (exit 2) naming close ids for an unknown one.
 * `armed`: the target arms answers (mock), so the armed coverage cases' ids are known too.
 */
export function resolveCaseIds(specs: readonly ProviderSpec[], seed: number, ids: readonly string[], armed = false): ProviderId[] {
  const named = [...new Set(ids.map((id) => id.split('/')[0]))];
  const providers = named.filter((p) => specs.some((s) => s.id === p));
  const scope = providers.length === named.length ? providers : undefined;
  const known = new Set(knownCaseIds(specs, seed, scope, armed));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length && !armed) {
    const armedIds = new Set(allArmedCases(specs.filter((s) => !scope || scope.includes(s.id)), seed).map((c) => c.id));
    const mockOnly = unknown.filter((id) => armedIds.has(id));
    if (mockOnly.length) throw new UsageError(`${mockOnly.map(printable).join(', ')}: an armed coverage case runs only in \`verikit run\` on the mock target (a live provider answers only on its own; drift arms nothing)`, 'run it with --target mock, or pick a case of `verikit run --list --target live`');
  }
  if (unknown.length) {
    const all = [...known];
    const hints = unknown.map((id) => `${printable(id)}${isFlowId(id) || all.length ? ` (closest: ${closestIds(id, all).map(printable).join(', ')})` : ''}`);
    throw new UsageError(`unknown case id${unknown.length > 1 ? 's' : ''} with seed ${seed}: ${hints.join('; ')}`, 'copy the id from junit.xml, the HTML report or `verikit run --list` (ids are per seed: pass the run\'s --seed)');
  }
  return providers as ProviderId[];
}
