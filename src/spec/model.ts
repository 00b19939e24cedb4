/**
 * The spec model: what every other part of verikit reads instead of raw OpenAPI.
 * Built by `loadSpecs()` (src/spec/load.ts) from specs/<provider>.yaml. All schemas here are
 * dereferenced (no $ref left) JSON Schema 2020-12 objects.
 *
 * Spec conventions (the x- extensions) are described in ARCHITECTURE.md.
 */
export type JSONSchema = Record<string, unknown>;

export type ProviderId =
  | 'alibaba-dypnsapi-intl'
  | 'alibaba-resourcedirectorymaster'
  | 'huawei-osm'
  | 'jiguang-jverification';

export const PROVIDER_IDS: readonly ProviderId[] = [
  'alibaba-dypnsapi-intl',
  'alibaba-resourcedirectorymaster',
  'huawei-osm',
  'jiguang-jverification',
];

/** Wire authentication schemes, named by the security scheme's `x-verikit-auth`. */
export type AuthKind = 'acs3-hmac-sha256' | 'acs-hmac-sha1' | 'huawei-sdk-hmac-sha256' | 'huawei-token' | 'jpush-basic';

/** How a call is billed: `message` sends a billed SMS/voice/WhatsApp message; `per-call` bills each call. */
export type Cost = 'free' | 'message' | 'per-call';

export interface ParamSpec {
  name: string;
  in: 'query' | 'header' | 'path';
  required: boolean;
  schema: JSONSchema;
  example?: unknown;
  description?: string;
}

export interface RequestBodySpec {
  contentType: string;
  required: boolean;
  schema: JSONSchema;
  /** Named examples from the spec (`examples` map, or `example` as "default"). */
  examples: Record<string, unknown>;
}

export interface ResponseSpec {
  /** HTTP status as a number; `default` responses are not used by verikit specs. */
  status: number;
  description: string;
  contentType: string;
  schema: JSONSchema;
  /** Named examples; error responses name each example after the error code it shows. */
  examples: Record<string, unknown>;
}

/** A documented result or error code (from `x-verikit-codes`, plus the provider's `x-verikit-common-codes`). */
export interface DocumentedCode {
  status: number;
  code: string;
  message: string;
  outcome: 'ok' | 'error';
  /** true when it comes from the provider-wide common codes (auth, throttling, gateway). */
  common: boolean;
}

export interface RpcBinding {
  action: string;
  version: string;
  /** The real path on the wire, always "/". */
  path: string;
  methods: Array<'GET' | 'POST'>;
}

export interface Operation {
  provider: ProviderId;
  operationId: string;
  summary: string;
  description: string;
  /** Method and path as written in the spec (a pseudo-path for RPC operations). */
  method: 'GET' | 'POST';
  path: string;
  /** JSON pointer of the operation object inside the spec file, e.g. /paths/~1rpc~1StartVerification/post */
  pointer: string;
  /** What goes on the wire: for RPC operations path "/" with Action/Version. */
  wire: { method: 'GET' | 'POST'; path: string; rpc?: RpcBinding };
  parameters: ParamSpec[];
  requestBody?: RequestBodySpec;
  /**
   * One schema for the whole request input, the shape of `CaseInput`:
   * `{ query?: {...}, header?: {...}, body?: ... }` with required parts marked.
   */
  requestSchema: JSONSchema;
  responses: ResponseSpec[];
  codes: DocumentedCode[];
  cost: Cost;
  /** Accepted auth schemes, in the spec's order of preference. */
  auth: AuthKind[];
}

export interface ProviderSpec {
  id: ProviderId;
  title: string;
  version: string;
  file: string;
  /** Real endpoints from `servers`. */
  servers: string[];
  /** Body field that carries the result or error code (`Code`, `error_code`, `code`). */
  codeField: string;
  operations: Operation[];
  /** The parsed document as written (with $refs), for tools that need raw OpenAPI (types, diff, lint). */
  document: Record<string, unknown>;
}
