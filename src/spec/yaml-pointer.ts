/** The JSON pointer of the deepest YAML node around a text offset (where a syntax error sits). Pure. */
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { pointerOf } from './pointer.ts';

function contains(node: unknown, pos: number): boolean {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return !!range && pos >= range[0] && pos <= range[2];
}

export function pointerAt(doc: Document, pos: number): string {
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  for (;;) {
    let next: unknown;
    if (isMap(node)) {
      for (const pair of node.items) {
        const raw = isScalar(pair.key) ? pair.key.value : pair.key;
        if (raw === null || raw === undefined || raw === '') continue; // a broken key: stop at its parent
        const key = String(raw);
        if (contains(pair.value, pos) || contains(pair.key, pos)) {
          path.push(key);
          next = pair.value;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (contains(item as Node, pos)) {
          path.push(i);
          next = item;
        }
      });
    }
    if (next === undefined) return pointerOf(...path);
    node = next;
  }
}
