/**
 * The proxy's report files: every checked exchange is redacted and appended to exchanges.ndjson (the
 * format `verikit replay` and `verikit drift` read); `flush()` writes summary.json, junit.xml and index.html
 * atomically from bounded aggregates (the HTML table and junit.xml list the first DEFAULT_CASE_ROWS
 * exchanges; the totals and findings count them all).
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult, RunSummary } from '../core/types.ts';
import { createCollector, DEFAULT_CASE_ROWS, DEFAULT_LIMITS } from '../reports/collect.ts';
import { createCoverage } from '../reports/coverage.ts';
import { chunkedWriter, writeFileAtomic } from '../reports/fs.ts';
import { prepareReportDir, ReportWriteError, type ExchangeRecord } from '../reports/index.ts';
import { redactCaseResult } from '../reports/redact.ts';
import { renderReportFiles } from '../reports/render.ts';
import type { ProviderSpec } from '../spec/model.ts';

export interface Recorder {
  add(result: CaseResult): void;
  /** Writes summary.json, junit.xml, index.html (and pushes buffered ndjson lines out); returns the paths. */
  flush(summary: RunSummary): Promise<string[]>;
  close(): Promise<void>;
}

export async function openRecorder(dir: string, specs: ProviderSpec[]): Promise<Recorder> {
  await prepareReportDir(dir);
  const ndjson = join(dir, 'exchanges.ndjson');
  const stream = createWriteStream(ndjson, { flags: 'a', encoding: 'utf8' });
  let streamError: Error | null = null;
  stream.on('error', (err) => (streamError ??= err));
  const lines = chunkedWriter(stream);
  const collector = createCollector({ ...DEFAULT_LIMITS, maxCases: DEFAULT_CASE_ROWS });
  const fallback = createCoverage(specs, []);
  let writing: Promise<string[]> = Promise.resolve([]);
  return {
    add(result) {
      const r = redactCaseResult(result);
      for (const ex of r.exchanges) lines.write(`${JSON.stringify(ex satisfies ExchangeRecord)}\n`);
      collector.add(r);
    },
    flush(summary) {
      // One flush at a time (a signal may arrive while the timer's flush is writing).
      writing = writing.catch(() => []).then(async () => {
        lines.flush();
        if (streamError) throw new ReportWriteError(`cannot append to ${ndjson}: ${(streamError as Error).message}`, 'check that the report directory is writable and the disk is not full');
        const files = renderReportFiles({ summary, specs, collected: collector.result(), fallbackCoverage: fallback.result, previous: null, junit: true });
        try {
          for (const [name, content] of files) await writeFileAtomic(join(dir, name), content);
        } catch (err) {
          throw new ReportWriteError(`cannot write reports to ${dir}: ${(err as Error).message}`, 'check that the report directory is writable and the disk is not full');
        }
        return [ndjson, ...files.map(([name]) => join(dir, name))];
      });
      return writing;
    },
    close() {
      lines.flush();
      return new Promise((resolve) => stream.end(() => resolve()));
    },
  };
}
