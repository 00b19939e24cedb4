import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.ts';
import { clearRegisteredSecrets, redactText } from '../../src/core/redact.ts';
import { credentialsFromEnv, TEST_CREDENTIALS } from '../../src/signing/credentials.ts';

afterEach(() => clearRegisteredSecrets());

describe('credentialsFromEnv', () => {
  const table: Array<{ given: Record<string, string>; want: unknown }> = [
    { given: {}, want: {} },
    { given: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEnvKey000001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'EnvSecret0000001' },
      want: { alibaba: { accessKeyId: 'LTAI5tEnvKey000001', accessKeySecret: 'EnvSecret0000001' } } },
    { given: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEnvKey000001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'EnvSecret0000001', ALIBABA_CLOUD_SECURITY_TOKEN: 'StsToken0001' },
      want: { alibaba: { accessKeyId: 'LTAI5tEnvKey000001', accessKeySecret: 'EnvSecret0000001', securityToken: 'StsToken0001' } } },
    { given: { HUAWEICLOUD_SDK_AK: 'HWAK0001', HUAWEICLOUD_SDK_SK: 'HWSK0001' }, want: { huawei: { ak: 'HWAK0001', sk: 'HWSK0001' } } },
    { given: { HUAWEICLOUD_SDK_TOKEN: 'MIIToken0001' }, want: { huawei: { ak: '', sk: '', token: 'MIIToken0001' } } },
    { given: { JPUSH_APP_KEY: 'appkey0001', JPUSH_MASTER_SECRET: 'master0001' }, want: { jpush: { appKey: 'appkey0001', masterSecret: 'master0001' } } },
  ];
  it.each(table)('$given', ({ given, want }) => {
    expect(credentialsFromEnv(given)).toEqual(want);
  });

  it('registers every value with the redactor', () => {
    credentialsFromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEnvKey000001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'EnvSecret0000001', HUAWEICLOUD_SDK_TOKEN: 'MIIToken0001', JPUSH_MASTER_SECRET: 'master0001', JPUSH_APP_KEY: 'appkey0001' });
    const out = redactText('k=LTAI5tEnvKey000001 s=EnvSecret0000001 t=MIIToken0001 m=master0001 a=appkey0001');
    for (const v of ['LTAI5tEnvKey000001', 'EnvSecret0000001', 'MIIToken0001', 'master0001', 'appkey0001']) expect(out).not.toContain(v);
  });

  it('rejects half a key pair with a named configuration error', () => {
    expect(() => credentialsFromEnv({ HUAWEICLOUD_SDK_AK: 'HWAK0001' })).toThrow(ConfigError);
    try {
      credentialsFromEnv({ JPUSH_APP_KEY: 'appkey0001' });
    } catch (e) {
      expect(e).toMatchObject({ code: 'VK_CREDENTIALS_INCOMPLETE', fix: expect.stringContaining('JPUSH_MASTER_SECRET') });
    }
  });

  it('documents the fake credentials the mocks accept', () => {
    expect(TEST_CREDENTIALS.alibaba.accessKeyId).toBe('LTAI5tVerikitTestKey01');
    expect(Object.isFrozen(TEST_CREDENTIALS)).toBe(true);
  });
});
