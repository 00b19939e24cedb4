/** `verikit replay` with a .har file: --har-host flags parsed, the file read (see har.ts). */
import { providerFlag } from '../config/flags.ts';
import { UsageError } from '../core/errors.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { readHar, type HarReplayInput } from './har.ts';

export async function readHarInput(file: string, specs: ProviderSpec[], hostFlags: string[] = []): Promise<HarReplayInput> {
  const extra: Record<string, ReturnType<typeof providerFlag>> = {};
  for (const v of hostFlags) {
    const i = v.indexOf('=');
    const host = v.slice(i + 1);
    if (i < 1 || !/^[A-Za-z0-9.[\]:-]+$/.test(host)) throw new UsageError(`invalid --har-host "${v}"`, 'use --har-host <provider>=<host[:port]>, e.g. --har-host huawei-osm=127.0.0.1:4202');
    extra[host] = providerFlag(v.slice(0, i), '--har-host');
  }
  const input = await readHar(file, specs, extra);
  if (input.records.length === 0) throw new UsageError(`${file}: none of its ${input.entries} entries maps to a provider operation`, 'map the host the traffic went to with --har-host <provider>=<host[:port]>');
  return input;
}
