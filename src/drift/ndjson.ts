/** Reading recorded exchanges (reports/exchanges.ndjson) for replay. Line parsing is pure; the reader streams. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { MAX_JSON_DEPTH, parseJsonBounded } from '../core/bounded-json.ts';
import { VerikitError } from '../core/errors.ts';
import type { Exchange, TestCase } from '../core/types.ts';

/** One line of exchanges.ndjson (see src/reports/index.ts ExchangeRecord). */
export type ExchangeRecord = Exchange & { testCase?: TestCase };

export class ReplayInputError extends VerikitError {
  constructor(file: string, message: string) {
    super('VK_REPLAY_INPUT', `${file}: ${message}`, 'pass the exchanges.ndjson written by `verikit run` or `verikit drift` (reports/exchanges.ndjson), unedited');
    this.name = 'ReplayInputError';
  }
}

export function parseRecordLine(line: string, lineNo: number, file: string): ExchangeRecord | undefined {
  if (line.trim() === '') return undefined;
  // verikit records bodies at most MAX_JSON_DEPTH deep, a few levels inside the record
  const parsed = parseJsonBounded(line, MAX_JSON_DEPTH + 8);
  if (!parsed.ok) throw new ReplayInputError(file, parsed.tooDeep !== undefined ? `line ${lineNo} is ${parsed.error}` : `line ${lineNo} is not JSON`);
  const v = parsed.value;
  const r = v as Partial<ExchangeRecord> | null;
  if (!r || typeof r !== 'object' || typeof r.caseId !== 'string' || typeof r.provider !== 'string' || typeof r.operationId !== 'string' || !r.request) {
    throw new ReplayInputError(file, `line ${lineNo} is not a recorded exchange (needs caseId, provider, operationId, request)`);
  }
  if (!r.response && !r.error) throw new ReplayInputError(file, `line ${lineNo} has neither a response nor an error`);
  return r as ExchangeRecord;
}

export async function readExchanges(file: string): Promise<ExchangeRecord[]> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (e) {
    throw new ReplayInputError(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`);
  }
  const out: ExchangeRecord[] = [];
  let n = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    const r = parseRecordLine(line, ++n, file);
    if (r) out.push(r);
  }
  if (out.length === 0) throw new ReplayInputError(file, 'holds no exchanges');
  return out;
}
