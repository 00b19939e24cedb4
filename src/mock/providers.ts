/** The provider modules, by id. */
import type { ProviderId } from '../spec/model.ts';
import { createDypnsapiMock } from './alibaba/dypnsapi.ts';
import { createRdmMock } from './alibaba/rdm.ts';
import { createOsmMock } from './huawei/osm.ts';
import { createJVerificationMock } from './jiguang/jverification.ts';
import type { AcceptedCredentials } from './credentials.ts';
import type { MockContext, ProviderMock } from './types.ts';

export type ProviderFactory = (ctx: MockContext, credentials: AcceptedCredentials) => ProviderMock;

export const PROVIDER_FACTORIES: Record<ProviderId, ProviderFactory> = {
  'alibaba-dypnsapi-intl': (ctx, c) => createDypnsapiMock(ctx, c.alibaba),
  'alibaba-resourcedirectorymaster': (ctx, c) => createRdmMock(ctx, c.alibaba),
  'huawei-osm': (ctx, c) => createOsmMock(ctx, c.huawei),
  'jiguang-jverification': (ctx, c) => createJVerificationMock(ctx, c.jpush),
};

