import type { JSONSchema, Operation } from '../spec/model.ts';

export type Part = 'query' | 'header' | 'body';

export interface Field {
  part: Part;
  name: string;
  /** JSON pointer into the case input, e.g. /query/To or /body/verify_code. */
  pointer: string;
  schema: JSONSchema;
  required: boolean;
  example?: unknown;
}

/** Headers the transport owns (signing, auth, content negotiation): never generated as case data. */
const TRANSPORT_HEADERS = /^(authorization|x-auth-token|host|content-type|content-length|x-sdk-date|x-acs-.*|x-subject-token)$/i;

function esc(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface OperationFields {
  fields: Field[];
  parts: Record<Part, { present: boolean; required: boolean; schema?: JSONSchema }>;
}

/** The top-level fields of an operation's request input, with their schemas and documented examples. */
export function fieldsOf(op: Operation): OperationFields {
  const rs = op.requestSchema ?? {};
  const props = (rs.properties ?? {}) as Record<string, JSONSchema>;
  const reqParts = (rs.required ?? []) as string[];
  const fields: Field[] = [];
  const parts = {} as Record<Part, { present: boolean; required: boolean; schema?: JSONSchema }>;
  for (const part of ['query', 'header', 'body'] as Part[]) {
    const ps = props[part];
    parts[part] = { present: !!ps, required: reqParts.includes(part) || (part === 'body' && !!op.requestBody?.required), schema: ps };
    if (!ps) continue;
    const fprops = (ps.properties ?? {}) as Record<string, JSONSchema>;
    const freq = (ps.required ?? []) as string[];
    for (const [name, schema] of Object.entries(fprops)) {
      if (part === 'header' && TRANSPORT_HEADERS.test(name)) continue;
      const param = op.parameters.find((p) => p.name === name && p.in === part);
      fields.push({ part, name, pointer: `/${part}/${esc(name)}`, schema, required: freq.includes(name), example: param?.example ?? schema.example });
    }
  }
  return { fields, parts };
}
