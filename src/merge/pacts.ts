/**
 * Merges the shards' pact files. Which shard supplies an interaction is decided the way
 * `createPactCollector` decides within one run: per key (provider, operation, status, code) the result
 * `preferResult` ranks first among the results `keepForPact` keeps. The interaction is then copied
 * verbatim from that shard's file, as the real Pact core wrote it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../core/types.ts';
import { parsePact } from '../pact/pactfile.ts';
import { interactionKeys, keepForPact, preferResult } from '../pact/select.ts';
import { writeFileAtomic } from '../reports/fs.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { MergeError } from './errors.ts';

/** Largest pact file read. */
export const MAX_PACT_BYTES = 64 * 1024 * 1024;

/** Tracks, per interaction key, the shard whose result the unsharded run would have used. */
export function createPactWinners(specs: ProviderSpec[]) {
  const best = new Map<string, { result: Pick<CaseResult, 'kind' | 'caseId'>; shard: number }>();
  return {
    add(result: CaseResult, shard: number): void {
      if (!keepForPact(result)) return;
      for (const key of interactionKeys(specs, result)) {
        const current = best.get(key);
        if (!current || preferResult(result as CaseResult, current.result as CaseResult) < 0) best.set(key, { result: { kind: result.kind, caseId: result.caseId }, shard });
      }
    },
    shardOf: (key: string): number | undefined => best.get(key)?.shard,
  };
}

type Json = Record<string, unknown>;

/** The key of an interaction verikit wrote: from its provider state's params (provider, operationId, status, code). */
export function interactionKeyOf(interaction: Json): string | undefined {
  const states = Array.isArray(interaction.providerStates) ? (interaction.providerStates as Json[]) : [];
  const p = (states[0]?.params ?? {}) as Json;
  if (typeof p.provider !== 'string' || typeof p.operationId !== 'string' || typeof p.status !== 'number') return undefined;
  return `${p.provider} ${p.operationId} ${p.status} ${typeof p.code === 'string' ? p.code : ''}`;
}

async function readPactJson(file: string): Promise<Json> {
  const size = (await stat(file)).size;
  if (size > MAX_PACT_BYTES) throw new MergeError('VK_MERGE_LIMIT', `${file} is ${size} bytes, over the ${MAX_PACT_BYTES}-byte limit of verikit merge`, 'merge the pact files written by `verikit run`');
  let json: Json;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as Json;
    parsePact(json, file);
  } catch (err) {
    throw new MergeError('VK_MERGE_INPUT', `${file} is not a pact file: ${(err as Error).message.slice(0, 300)}`, 'merge the pacts/ directories written by `verikit run`, unedited');
  }
  return json;
}

async function pactNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(join(dir, 'pacts'))).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

/**
 * Writes `<out>/pacts/<file>` for every pact file name any shard has; `shardDirs[i]` is shard i+1's
 * report directory (its index in the winners). Returns the paths written.
 */
export async function mergePacts(shardDirs: readonly string[], out: string, winners: ReturnType<typeof createPactWinners>): Promise<string[]> {
  const names = [...new Set((await Promise.all(shardDirs.map(pactNames))).flat())].sort();
  const written: string[] = [];
  for (const name of names) {
    let base: Json | undefined;
    const byKey = new Map<string, Map<number, Json>>();
    const unkeyed = new Map<string, Json>();
    for (let shard = 0; shard < shardDirs.length; shard++) {
      if (!(await pactNames(shardDirs[shard])).includes(name)) continue;
      const doc = await readPactJson(join(shardDirs[shard], 'pacts', name));
      base ??= doc;
      for (const i of doc.interactions as Json[]) {
        const key = interactionKeyOf(i);
        if (key === undefined) unkeyed.set(String(i.description), i);
        else (byKey.get(key) ?? byKey.set(key, new Map()).get(key)!).set(shard, i);
      }
    }
    const chosen: Json[] = [...unkeyed.values()];
    for (const [key, fromShards] of byKey) {
      const winner = winners.shardOf(key);
      chosen.push(fromShards.get(winner ?? -1) ?? fromShards.values().next().value!);
    }
    chosen.sort((a, b) => String(a.description).localeCompare(String(b.description)));
    const file = join(out, 'pacts', name);
    await writeFileAtomic(file, `${JSON.stringify({ ...base, interactions: chosen }, null, 2)}\n`);
    written.push(file);
  }
  return written;
}
