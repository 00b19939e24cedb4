/**
 * junit.xml without holding every case: each <testcase> is appended to a per-provider temp file as its
 * result comes in, with the suite counters kept; `finish` writes the document (the same bytes
 * `renderJunit` gives for the same records) to a temp file by copying the suite bodies in, then renames
 * it into place. Inputs must already be redacted.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RunSummary } from '../core/types.ts';
import type { CaseRecord } from './collect.ts';
import { chunkedWriter, tempPathFor } from './fs.ts';
import { completeSuites, JUNIT_FOOTER, junitHeader, suiteOpen, suiteXml, testcase, type Suite } from './junit.ts';

interface Spooled {
  suite: Suite;
  file: string;
  stream: WriteStream;
  lines: ReturnType<typeof chunkedWriter>;
}

export interface JunitSpool {
  add(record: CaseRecord): void;
  /** Writes `<dir>/junit.xml` atomically; returns its path. */
  finish(summary: RunSummary, providerIds: string[]): Promise<string>;
  /** Removes the temp files (after a failure). */
  discard(): Promise<void>;
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) return reject(new Error('stream destroyed'));
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

function destroyed(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) return resolve();
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

export function createJunitSpool(dir: string): JunitSpool {
  const target = join(dir, 'junit.xml');
  const spooled = new Map<string, Spooled>();
  const temps: string[] = [];
  let failed: Error | null = null;
  const open = (provider: string): Spooled => {
    const file = tempPathFor(join(dir, `junit.xml.${spooled.size}`));
    temps.push(file);
    const stream = createWriteStream(file, { encoding: 'utf8' });
    stream.on('error', (err) => (failed ??= err));
    const s: Spooled = { suite: { name: provider, tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0, body: [] }, file, stream, lines: chunkedWriter(stream) };
    spooled.set(provider, s);
    return s;
  };
  const discard = async () => {
    // A stream destroyed before its file is open still creates the file: wait for it to close, then remove.
    await Promise.all([...spooled.values()].map((s) => destroyed(s.stream)));
    await Promise.all(temps.map((f) => rm(f, { force: true })));
  };
  return {
    add(c) {
      const s = spooled.get(c.provider) ?? open(c.provider);
      s.suite.tests++;
      if (c.status === 'failed') s.suite.failures++;
      if (c.status === 'skipped') s.suite.skipped++;
      s.suite.ms += c.durationMs;
      s.lines.write(`${testcase(c)}\n`);
    },
    async finish(summary, providerIds) {
      for (const s of spooled.values()) {
        s.lines.flush();
        await closeStream(s.stream);
      }
      if (failed) throw failed;
      // Suites in renderJunit's order: the run's providers first, then any other provider as first seen.
      const order = [...providerIds, ...[...spooled.keys()].filter((p) => !providerIds.includes(p))];
      const suites = completeSuites(summary, order.map((p) => spooled.get(p)?.suite ?? { name: p, tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0, body: [] }));
      const tmp = tempPathFor(target);
      temps.push(tmp);
      const out = createWriteStream(tmp, { encoding: 'utf8' });
      out.on('error', (err) => (failed ??= err));
      const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
      await write(`${junitHeader(summary, suites)}\n`);
      for (const suite of suites) {
        // A spooled suite has its cases in its temp file; the others (no case, tool errors) carry their body.
        const file = spooled.get(suite.name)?.suite === suite ? spooled.get(suite.name)!.file : undefined;
        if (file) {
          await write(`${suiteOpen(suite, summary.startedAt)}\n`);
          await pipeline(createReadStream(file), out, { end: false });
          await write('  </testsuite>\n');
        } else await write(`${suiteXml(suite, summary.startedAt)}\n`);
      }
      await write(JUNIT_FOOTER);
      await closeStream(out);
      await rename(tmp, target);
      await discard();
      return target;
    },
    discard,
  };
}
