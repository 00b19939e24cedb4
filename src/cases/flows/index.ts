import type { ProviderSpec } from '../../spec/model.ts';
import type { Rng } from '../prng.ts';
import { dypnsapiFlows } from './alibaba-dypnsapi-intl.ts';
import { resourceDirectoryFlows } from './alibaba-resourcedirectorymaster.ts';
import { osmFlows } from './huawei-osm.ts';
import { jverificationFlows } from './jiguang-jverification.ts';
import { quotaFlows } from './quota.ts';
import type { FlowCase } from './types.ts';

const BY_PROVIDER: Record<string, (spec: ProviderSpec, rng: Rng) => FlowCase[]> = {
  'alibaba-dypnsapi-intl': dypnsapiFlows,
  'alibaba-resourcedirectorymaster': resourceDirectoryFlows,
  'huawei-osm': osmFlows,
  'jiguang-jverification': jverificationFlows,
};

/** The cross-operation flows of a provider (only those whose operations the spec has). */
export function flowsFor(spec: ProviderSpec, rng: Rng): FlowCase[] {
  return [...(BY_PROVIDER[spec.id]?.(spec, rng) ?? []), ...quotaFlows(spec, rng)];
}
