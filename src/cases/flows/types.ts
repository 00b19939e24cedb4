import type { CaseInput } from '../../core/types.ts';
import type { ProviderId } from '../../spec/model.ts';

/** A test phone number split the way providers spell it: country code and national number. */
export interface FlowPhone {
  cc: string;
  national: string;
}

/** State a flow accumulates: values saved from responses, the OTP read from the target, a minted token. */
export interface FlowContext {
  phone: FlowPhone;
  vars: Record<string, unknown>;
  code?: string;
  token?: string;
}

/** What a target must be able to do for a flow to run (e.g. live targets cannot advance a clock). */
export type FlowCapability = 'read-code' | 'advance-clock' | 'mint-token' | 'set-quota';

export type FlowStep =
  | {
      do: 'call';
      operationId: string;
      title: string;
      input: (ctx: FlowContext) => CaseInput;
      /** success: documented ok outcome; error: documented error; not-approved: an error, or ok without an approved status. */
      expect: 'success' | 'error' | 'not-approved';
      /** Extra assertion on the parsed body: returns a failure message, or undefined when satisfied. */
      assert?: (json: unknown) => string | undefined;
      /** Values to remember for later steps. */
      save?: (json: unknown) => Record<string, unknown>;
      /** The exact documented answer the step must get (natural triggers of documented codes). */
      answer?: { status: number; code: string };
    }
  | { do: 'read-code'; title: string }
  | { do: 'advance-clock'; title: string; ms: number }
  | { do: 'mint-token'; title: string; phone?: (ctx: FlowContext) => string }
  /** Sets a request-rate quota on the mock (cleared when the flow ends): exceeding it is a natural throttling answer. */
  | { do: 'set-quota'; title: string; operationId: string; limit: number; windowMs: number; scope?: 'user' | 'api' };

export interface FlowCase {
  id: string;
  provider: ProviderId;
  kind: 'flow';
  title: string;
  /** The operation the flow is about (reported against it). */
  operationId: string;
  steps: FlowStep[];
  requires: FlowCapability[];
  /** true when a step calls a billed operation (cost guard). */
  billed: boolean;
  phone: FlowPhone;
  state?: string;
}
