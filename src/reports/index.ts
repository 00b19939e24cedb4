/**
 * Report writing for a run. The engine opens a writer, `add`s every CaseResult as it completes and
 * calls `finish(summary)`; the writer streams exchanges.ndjson (redacted) while the run goes, keeps
 * only aggregates and the first failing cases in memory, and on finish writes index.html, junit.xml
 * and summary.json atomically (temp file + rename).
 *
 * Everything written goes through src/core/redact.ts first.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult, RunSummary } from '../core/types.ts';
import { VerikitError } from '../core/errors.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { createCollector, DEFAULT_CASE_ROWS, DEFAULT_LIMITS, type CollectLimits } from './collect.ts';
import { createCoverage } from './coverage.ts';
import { chunkedWriter, removeStaleTemps, tempPathFor, writeFileAtomic } from './fs.ts';
import { renderReportFiles, reportedSpecs } from './render.ts';
import { createJunitSpool } from './junit-spool.ts';
import { redactValue } from '../core/redact.ts';
import { redactCaseResult, redactCaseResultAsText, redactExchangeAsText } from './redact.ts';

export { createCoverage } from './coverage.ts';
export { diffSummaries } from './changes.ts';
export { renderHtml } from './html/render.ts';
export { renderJunit } from './junit.ts';
export { renderReportFiles } from './render.ts';
export { redactCaseResult, redactExchange } from './redact.ts';

export const REPORT_FILES = ['index.html', 'junit.xml', 'summary.json', 'exchanges.ndjson'] as const;

/** One line of exchanges.ndjson: a redacted Exchange plus the (redacted) case that produced it, when known. */
export type ExchangeRecord = CaseResult['exchanges'][number] & { testCase?: CaseResult['testCase'] };

export interface ReportWriter {
  add(result: CaseResult): void;
  /** Writes index.html, junit.xml, summary.json and closes exchanges.ndjson; returns the paths written. */
  finish(summary: RunSummary): Promise<string[]>;
}

export interface ReportWriterOptions {
  specs: ProviderSpec[];
  previous?: RunSummary | null;
  limits?: Partial<CollectLimits>;
}

export class ReportWriteError extends VerikitError {
  constructor(message: string, fix: string) {
    super('VK_REPORT_WRITE', message, fix, 2);
    this.name = 'ReportWriteError';
  }
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/** Reads the summary.json a previous run left in `dir`; null when there is none or it is unreadable. */
export async function loadPreviousSummary(dir: string): Promise<RunSummary | null> {
  let text: string;
  try {
    text = await readFile(join(dir, 'summary.json'), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as RunSummary;
    return parsed && parsed.tool === 'verikit' && parsed.totals ? parsed : null;
  } catch {
    return null;
  }
}

/** Creates the report directory (a named error when it cannot) and removes temp files an interrupted run left there. */
export async function prepareReportDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new ReportWriteError(`cannot create report directory ${dir}: ${(err as Error).message}`, 'pass a writable --report-dir');
  }
  await removeStaleTemps(dir);
}

export async function openReportWriter(dir: string, opts: ReportWriterOptions): Promise<ReportWriter> {
  await prepareReportDir(dir);
  const ndjsonPath = join(dir, 'exchanges.ndjson');
  const ndjsonTemp = tempPathFor(ndjsonPath);
  const stream = createWriteStream(ndjsonTemp, { encoding: 'utf8' });
  let streamError: Error | null = null;
  stream.on('error', (err) => (streamError ??= err));
  const lines = chunkedWriter(stream);
  // Only the HTML table's rows are kept; junit.xml gets every case through a spool on disk.
  const collector = createCollector({ ...DEFAULT_LIMITS, maxCases: DEFAULT_CASE_ROWS, ...opts.limits });
  const junit = createJunitSpool(dir);
  const fallbackCoverage = createCoverage(opts.specs, []);
  let done: Promise<string[]> | undefined;

  return {
    add(result: CaseResult): void {
      if (done) return;
      // Every exchange is written once, whatever it holds: a result the structural redaction or
      // JSON.stringify cannot take (say, a deep tree from a recorded file) is written redacted as text.
      let r: CaseResult;
      try {
        r = redactCaseResult(result);
      } catch {
        r = redactCaseResultAsText(result);
      }
      for (const ex of r.exchanges) {
        const line: ExchangeRecord = r.testCase ? { ...ex, testCase: r.testCase } : ex;
        let text: string;
        try {
          text = JSON.stringify(line);
        } catch {
          text = JSON.stringify(redactExchangeAsText(ex));
        }
        lines.write(`${text}\n`);
      }
      junit.add(collector.add(r));
      fallbackCoverage.add(result);
    },
    finish(summary: RunSummary): Promise<string[]> {
      // A second call (say, from a signal handler racing the normal end) gets the first call's outcome.
      done ??= writeAll(summary);
      return done;
    },
  };

  async function writeAll(summary: RunSummary): Promise<string[]> {
    const files = renderReportFiles({ summary, specs: opts.specs, collected: collector.result(), fallbackCoverage: fallbackCoverage.result, previous: opts.previous, junit: false });
    const safe = redactValue(summary, 'response');
    try {
      lines.flush();
      await closeStream(stream);
      if (streamError) throw streamError;
      await rename(ndjsonTemp, ndjsonPath);
      // summary.json, junit.xml, index.html: each atomically, in this order
      const [first, ...rest] = files;
      await writeFileAtomic(join(dir, first[0]), first[1]);
      await junit.finish(safe, reportedSpecs(safe, opts.specs).map((s) => s.id));
      for (const [name, content] of rest) await writeFileAtomic(join(dir, name), content);
    } catch (err) {
      await rm(ndjsonTemp, { force: true });
      await junit.discard();
      throw new ReportWriteError(`cannot write reports to ${dir}: ${(err as Error).message}`, 'check that the report directory is writable and the disk is not full');
    }
    return [ndjsonPath, join(dir, files[0][0]), join(dir, 'junit.xml'), ...files.slice(1).map(([name]) => join(dir, name))];
  }
}
