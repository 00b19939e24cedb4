/**
 * Streams the lines of a file with a bound on the length of one line (a shard's files may be big or
 * hostile): never more than one line plus one read chunk is held.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { MergeError } from './errors.ts';

const tooLong = (file: string, maxLine: number) =>
  new MergeError('VK_MERGE_LIMIT', `${file}: a line is longer than ${maxLine} characters (limit of verikit merge)`, 'merge the files written by `verikit run`, unedited');

export async function* readLines(file: string, maxLine: number): AsyncGenerator<string> {
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text = pending + decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
        if (nl - start > maxLine) throw tooLong(file, maxLine);
        yield text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        start = nl + 1;
      }
      pending = text.slice(start);
      text = '';
      if (pending.length > maxLine) throw tooLong(file, maxLine);
    }
  } catch (err) {
    if (err instanceof MergeError) throw err;
    throw new MergeError('VK_MERGE_INPUT', `${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'pass report directories written by `verikit run --shard i/n`');
  } finally {
    stream.destroy();
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}
