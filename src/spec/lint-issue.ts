/** A lint finding about a spec: where (file + JSON pointer), what is wrong, and how to fix it. */
export interface LintIssue {
  file: string;
  pointer: string;
  problem: string;
  fix: string;
}

/** `specs/x.yaml#/paths/~1rpc~1X/post/...: <problem>. fix: <what to do>` */
export function formatIssue(i: LintIssue): string {
  return `${i.file}#${i.pointer || '/'}: ${i.problem.replace(/\.$/, '')}. fix: ${i.fix}`;
}
