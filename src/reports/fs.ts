/** File I/O helpers for reports: atomic writes (temp file + rename) and stale temp cleanup. */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Temp names are `.<file>.tmp-<pid>-<hex>` next to the target, so rename() never crosses file systems. */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

const TEMP_NAME = /^\.[^/]+\.tmp-\d+-[0-9a-f]{8}$/;

/** Writes `content` to `file` atomically: readers see the old file or the whole new one, never a half. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = tempPathFor(file);
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Removes temp files an interrupted earlier run left in `dir` (only names this module creates). */
export async function removeStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => TEMP_NAME.test(n)).map((n) => rm(join(dir, n), { force: true })));
}

/**
 * Collects small writes (one ndjson line, one testcase) and hands them to `stream` in chunks of about
 * `chunkChars`: one write per chunk instead of one per line (less per-write work and fewer strings kept
 * waiting on the file system). Call `flush` before ending the stream.
 */
export function chunkedWriter(stream: NodeJS.WritableStream, chunkChars = 8 * 1024): { write(text: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    stream.write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= chunkChars) flush();
    },
    flush,
  };
}
