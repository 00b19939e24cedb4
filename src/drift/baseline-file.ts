/** Baseline file I/O (the pure parts are in baseline.ts). */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { BaselineError, parseBaseline, serializeBaseline, type Baseline } from './baseline.ts';

/** The baseline at `file`; undefined when the file does not exist (a first run). */
export async function readBaselineFile(file: string): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(file, `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`);
  }
  return parseBaseline(text, file);
}

export async function writeBaselineFile(file: string, baseline: Baseline): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, serializeBaseline(baseline), 'utf8');
    await rename(tmp, file);
  } catch (e) {
    throw new BaselineError(file, `cannot write it (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`);
  }
}
