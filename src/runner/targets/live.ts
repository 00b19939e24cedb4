/** The live target: real endpoints from the specs (or --base-url), credentials from the environment. */
import { createInterface } from 'node:readline/promises';
import { maskPhone, registerSecret } from '../../core/redact.ts';
import type { FlowCapability, FlowPhone } from '../../cases/flows/types.ts';
import { credentialsFromEnv, type Credentials } from '../../signing/credentials.ts';
import type { ProviderId, ProviderSpec } from '../../spec/model.ts';
import type { ProviderTarget, Target } from './types.ts';

export interface LiveTargetOptions {
  specs: ProviderSpec[];
  providers: ProviderId[];
  baseUrls?: Partial<Record<ProviderId, string>>;
  env?: Record<string, string | undefined>;
  /** Prompt for OTP codes (default: when stdin and stderr are TTYs). */
  interactive?: boolean;
  /** Asks for a code (default: a readline question on the terminal); setting it makes the target interactive. */
  prompt?: (question: string) => Promise<string>;
}

const ENV_HINT: Record<string, string> = {
  alibaba: 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  huawei: 'HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or HUAWEICLOUD_SDK_TOKEN)',
  jpush: 'JPUSH_APP_KEY and JPUSH_MASTER_SECRET',
};

export function credentialFamily(p: ProviderId): keyof Credentials {
  return p.startsWith('alibaba') ? 'alibaba' : p.startsWith('huawei') ? 'huawei' : 'jpush';
}

async function terminalPrompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

export function createLiveTarget(opts: LiveTargetOptions): Target {
  const creds = credentialsFromEnv(opts.env ?? process.env);
  const providers: Partial<Record<ProviderId, ProviderTarget>> = {};
  for (const p of opts.providers) {
    const spec = opts.specs.find((s) => s.id === p);
    const baseUrl = opts.baseUrls?.[p] ?? spec?.servers[0] ?? '';
    const fam = credentialFamily(p);
    const skipReason = !creds[fam] ? `no credentials: set ${ENV_HINT[fam]}` : !baseUrl ? 'no endpoint: pass --base-url' : undefined;
    providers[p] = { baseUrl, credentials: creds, skipReason };
  }
  const interactive = opts.interactive ?? (!!opts.prompt || (!!process.stdin.isTTY && !!process.stderr.isTTY));
  const prompt = opts.prompt ?? terminalPrompt;
  const capabilities = new Set<FlowCapability>(interactive ? ['read-code'] : []);
  // Flows run concurrently; their prompts must not: one question on the terminal at a time.
  let prompting: Promise<unknown> = Promise.resolve();
  return {
    kind: 'live',
    providers,
    capabilities,
    missing: (c) =>
      c === 'read-code' ? 'needs the OTP code: no TTY to prompt for it (run interactively)' : c === 'advance-clock' ? 'needs a controllable clock (mock target only)' : c === 'set-quota' ? 'needs a request-rate quota it can set (mock target only)' : 'needs a minted carrier token (mock target only)',
    readCode(_provider: ProviderId, phone: FlowPhone, label: string) {
      const ask = async () => {
        const code = (await prompt(`code sent to ${maskPhone(phone.cc + phone.national)} (${label}): `)).trim();
        registerSecret(code, 'code');
        return code || undefined;
      };
      const next = prompting.then(ask, ask);
      prompting = next;
      return next;
    },
    async advanceClock() {
      throw new Error('a live target has no controllable clock');
    },
    async mintToken() {
      throw new Error('a live target cannot mint carrier tokens');
    },
    async close() {},
  };
}
