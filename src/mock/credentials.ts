/** Which credentials the mocks accept: explicit ones, else the providers' environment variables, else the documented test credentials. */
import { type AlibabaCredentials, type Credentials, credentialsFromEnv, type HuaweiCredentials, type JPushCredentials, TEST_CREDENTIALS } from '../signing/credentials.ts';

export interface AcceptedCredentials {
  alibaba: AlibabaCredentials[];
  /** AK/SK pairs (entries with an empty ak only carry a token). */
  huawei: HuaweiCredentials[];
  jpush: JPushCredentials[];
}

/** Per provider family: `explicit` wins, then the environment, then TEST_CREDENTIALS. */
export function acceptedCredentials(explicit?: Credentials, env: Record<string, string | undefined> = process.env): AcceptedCredentials {
  const source = explicit ?? credentialsFromEnv(env);
  return {
    alibaba: [source.alibaba ?? TEST_CREDENTIALS.alibaba],
    huawei: [source.huawei ?? TEST_CREDENTIALS.huawei],
    jpush: [source.jpush ?? TEST_CREDENTIALS.jpush],
  };
}
