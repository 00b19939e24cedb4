import { ConfigError } from '../core/errors.ts';
import { registerSecret } from '../core/redact.ts';

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Huawei Cloud: AK/SK for SDK-HMAC-SHA256 signing and/or an IAM token for X-Auth-Token ('' = not set). */
export interface HuaweiCredentials {
  ak: string;
  sk: string;
  token?: string;
  projectId?: string;
}

export interface JPushCredentials {
  appKey: string;
  masterSecret: string;
}

export interface Credentials {
  alibaba?: AlibabaCredentials;
  huawei?: HuaweiCredentials;
  jpush?: JPushCredentials;
}

/**
 * Documented fake credentials. The embedded mocks accept exactly these by default; they are not secret
 * and never valid at a real provider.
 */
export const TEST_CREDENTIALS: Readonly<Required<Credentials>> = Object.freeze({
  alibaba: { accessKeyId: 'LTAI5tVerikitTestKey01', accessKeySecret: 'VerikitTestSecret0000000000001' },
  huawei: {
    ak: 'VERIKITTESTAK0000001',
    sk: 'VerikitTestSk000000000000000000000000001',
    token: 'MIIVerikitTestIamToken000000000000000001',
    projectId: '0000000000verikittestproject001',
  },
  jpush: { appKey: 'verikit0test0app0key0001', masterSecret: 'verikit0test0master00001' },
});

/** Registers every secret part of a credential set with the redactor (key ids too: they identify an account). */
export function registerCredentials(c: Credentials): void {
  if (c.alibaba) for (const v of [c.alibaba.accessKeyId, c.alibaba.accessKeySecret, c.alibaba.securityToken]) registerSecret(v, 'secret');
  if (c.huawei) {
    for (const v of [c.huawei.ak, c.huawei.sk]) registerSecret(v, 'secret');
    registerSecret(c.huawei.token, 'token');
  }
  if (c.jpush) {
    for (const v of [c.jpush.appKey, c.jpush.masterSecret]) registerSecret(v, 'secret');
    // the pair as Basic auth carries it (and its base64, with or without the "Basic " prefix)
    registerSecret(`${c.jpush.appKey}:${c.jpush.masterSecret}`, 'secret');
  }
}

type Env = Record<string, string | undefined>;

function pair(env: Env, a: string, b: string): [string, string] | undefined {
  const x = env[a]?.trim();
  const y = env[b]?.trim();
  if (!x && !y) return undefined;
  if (!x || !y) {
    throw new ConfigError(
      `${x ? a : b} is set but ${x ? b : a} is not`,
      `set both ${a} and ${b}, or neither (the provider is then skipped)`,
      'VK_CREDENTIALS_INCOMPLETE',
    );
  }
  return [x, y];
}

/**
 * Reads the providers' conventional environment variables. A provider whose variables are absent is left
 * out (the runner skips it with a reason); half a key pair is a configuration error. Every value read is
 * registered with the redactor.
 */
export function credentialsFromEnv(env: Env = process.env): Credentials {
  const out: Credentials = {};
  const ali = pair(env, 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  if (ali) {
    out.alibaba = { accessKeyId: ali[0], accessKeySecret: ali[1] };
    const token = env.ALIBABA_CLOUD_SECURITY_TOKEN?.trim();
    if (token) out.alibaba.securityToken = token;
  }
  const hw = pair(env, 'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK');
  const hwToken = env.HUAWEICLOUD_SDK_TOKEN?.trim();
  if (hw || hwToken) {
    out.huawei = { ak: hw?.[0] ?? '', sk: hw?.[1] ?? '' };
    if (hwToken) out.huawei.token = hwToken;
    const project = env.HUAWEICLOUD_SDK_PROJECT_ID?.trim();
    if (project) out.huawei.projectId = project;
  }
  const jp = pair(env, 'JPUSH_APP_KEY', 'JPUSH_MASTER_SECRET');
  if (jp) out.jpush = { appKey: jp[0], masterSecret: jp[1] };
  registerCredentials(out);
  return out;
}
