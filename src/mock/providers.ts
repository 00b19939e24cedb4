/** The provider modules, by id. */
import type { ProviderId } from '../spec/model.ts';
import { createDypnsapiMock } from './alibaba/dypnsapi.ts';
import type { AcceptedCredentials } from './credentials.ts';
import type { MockContext, ProviderMock } from './types.ts';

export type ProviderFactory = (ctx: MockContext, credentials: AcceptedCredentials) => ProviderMock;

export const PROVIDER_FACTORIES: Record<ProviderId, ProviderFactory> = {
  'alibaba-dypnsapi-intl': (ctx, c) => createDypnsapiMock(ctx, c.alibaba),
  'alibaba-resourcedirectorymaster': notYet,
  'huawei-osm': notYet,
  'jiguang-jverification': notYet,
};

function notYet(ctx: MockContext): ProviderMock {
  throw new Error(`mock for ${ctx.spec.id} not implemented yet`);
}
