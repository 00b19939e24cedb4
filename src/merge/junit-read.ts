/**
 * Reads back the <testcase>s of a junit.xml written by src/reports/junit.ts (one case per element,
 * attributes on the opening line, a <failure> text that may span lines): the per-case status, title,
 * time, skip reason and failure text a shard's report keeps. Streamed line by line with bounded lines
 * and failure texts; the tool-error suite and skipped-provider placeholders are not cases and are left out.
 */
import type { CaseRecord } from '../reports/collect.ts';
import type { ProviderId } from '../spec/model.ts';
import { MergeError } from './errors.ts';
import { readLines } from './lines.ts';

/** Longest line, and longest failure text, read back (the writer keeps at most 8192 characters). */
export const MAX_JUNIT_LINE = 1024 * 1024;
export const MAX_FAILURE_TEXT = 1024 * 1024;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

export function xmlUnescape(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]);
}

function attr(line: string, name: string): string | undefined {
  const m = new RegExp(` ${name}="([^"]*)"`).exec(line);
  return m ? xmlUnescape(m[1]) : undefined;
}

/** `<title> [<caseId>]`, classname `<provider>.<operationId>`; undefined for what is not a case. */
export function parseTestcaseOpen(line: string, providers: readonly string[]): CaseRecord | undefined {
  const name = attr(line, 'name');
  const classname = attr(line, 'classname');
  const time = Number(attr(line, 'time') ?? '0');
  if (name === undefined || classname === undefined || !name.endsWith(']')) return undefined;
  const open = name.lastIndexOf(' [');
  const provider = providers.find((p) => classname.startsWith(`${p}.`));
  if (open < 0 || !provider) return undefined;
  return {
    caseId: name.slice(open + 2, -1), title: name.slice(0, open), provider: provider as ProviderId,
    operationId: classname.slice(provider.length + 1), kind: 'positive', status: 'passed',
    durationMs: Number.isFinite(time) ? Math.round(time * 1000) : 0,
  };
}

/** Every case of a junit.xml, in file order. */
export async function* readJunitCases(file: string, providers: readonly string[]): AsyncGenerator<CaseRecord> {
  let current: CaseRecord | undefined;
  let failure: string[] | undefined;
  let failureLength = 0;
  const finishFailure = (text: string) => {
    failure!.push(text);
    current!.failure = xmlUnescape(failure!.join('\n'));
    failure = undefined;
  };
  for await (const line of readLines(file, MAX_JUNIT_LINE)) {
    if (failure) {
      const end = line.indexOf('</failure>');
      failureLength += line.length;
      if (failureLength > MAX_FAILURE_TEXT) throw new MergeError('VK_MERGE_LIMIT', `${file}: a failure text is longer than ${MAX_FAILURE_TEXT} characters (limit of verikit merge)`, 'merge the junit.xml written by `verikit run`, unedited');
      if (end < 0) failure.push(line);
      else finishFailure(line.slice(0, end));
      continue;
    }
    const trimmed = line.trimStart();
    if (trimmed.startsWith('<testcase ')) {
      if (current) yield current;
      current = parseTestcaseOpen(trimmed, providers);
      if (current && trimmed.endsWith('/>')) {
        yield current;
        current = undefined;
      }
    } else if (current && trimmed.startsWith('<skipped')) {
      current.status = 'skipped';
      current.skipReason = attr(trimmed, 'message') ?? 'skipped';
    } else if (current && trimmed.startsWith('<failure')) {
      current.status = 'failed';
      const type = attr(trimmed, 'type');
      if (type !== undefined && type !== 'failure') current.failedCheck = type;
      const gt = trimmed.indexOf('>');
      const body = trimmed.slice(gt + 1);
      failure = [];
      failureLength = body.length;
      const end = body.indexOf('</failure>');
      if (end < 0) failure.push(body);
      else finishFailure(body.slice(0, end));
    } else if (current && trimmed.startsWith('</testcase>')) {
      yield current;
      current = undefined;
    }
  }
  if (current) yield current;
}
