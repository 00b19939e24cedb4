/**
 * Lint: verikit's own structure rules on top of OpenAPI 3.1 validity (lint-openapi.ts): descriptions
 * everywhere a reader needs them, absolute paths, component names OpenAPI allows. Pure.
 */
import type { LintIssue } from './lint-issue.ts';
import { isObject } from './need.ts';
import { childPointer, pointerOf } from './pointer.ts';

const COMPONENT_KEY = /^[a-zA-Z0-9.\-_]+$/;

export function lintStructure(doc: Record<string, unknown>, file: string): LintIssue[] {
  const issues: LintIssue[] = [];
  const info = isObject(doc.info) ? doc.info : {};
  if (typeof info.description !== 'string' || !info.description.trim()) {
    issues.push({ file, pointer: '/info/description', problem: 'the spec has no description', fix: 'describe the provider, the sources and every modelling decision (UNCONFIRMED items) in info.description' });
  }
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const pAt = pointerOf('paths', path);
    if (!path.startsWith('/')) issues.push({ file, pointer: pAt, problem: `path "${path}" does not start with "/"`, fix: 'write the path as /segment/...' });
    if (!isObject(item)) continue;
    for (const method of ['get', 'post']) {
      const op = item[method];
      if (!isObject(op) || (typeof op.description === 'string' && op.description.trim())) continue;
      issues.push({ file, pointer: childPointer(pAt, method, 'description'), problem: 'the operation has no description', fix: 'add a description (the provider page\'s text and any quirk kept)' });
    }
  }
  const components = isObject(doc.components) ? doc.components : {};
  for (const [section, entries] of Object.entries(components)) {
    if (!isObject(entries)) continue;
    for (const key of Object.keys(entries)) {
      if (!COMPONENT_KEY.test(key)) issues.push({ file, pointer: pointerOf('components', section, key), problem: `component name "${key}" has characters OpenAPI does not allow`, fix: 'use only letters, digits, ".", "-" and "_"' });
    }
  }
  return issues;
}
