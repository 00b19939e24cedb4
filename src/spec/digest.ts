/**
 * A digest of the specs a run used: sha256 over each spec's provider id and parsed document, in
 * provider order. Recorded in summary.json so `verikit merge` can refuse shards of different specs.
 */
import { createHash } from 'node:crypto';
import type { ProviderSpec } from './model.ts';

export function specsDigest(specs: Pick<ProviderSpec, 'id' | 'document'>[]): string {
  const hash = createHash('sha256');
  for (const s of [...specs].sort((a, b) => a.id.localeCompare(b.id))) {
    hash.update(s.id).update('\n').update(JSON.stringify(s.document)).update('\n');
  }
  return `sha256:${hash.digest('hex')}`;
}
