import type { ProviderId } from '../spec/model.ts';

/** A message the mock "sent" (an SMS, call, WhatsApp or email with a code), so a suite can finish a flow. */
export interface OutboxMessage {
  provider: ProviderId;
  operationId: string;
  /** SMS | VOICE | WHATSAPP | EMAIL */
  channel: string;
  /** Recipient as the client gave it (phone number or email). */
  to: string;
  code: string;
  /** verificationId, contact id or similar handle the flow needs next. */
  ref?: string;
  /** Mock-clock time in ms since the epoch. */
  sentAt: number;
}

/**
 * A bounded, newest-last list of sent messages: the newest `max`. The array may hold up to twice that and is
 * trimmed in one go, so a push is O(1) amortised instead of shifting `max` entries every time.
 */
export class Outbox {
  private items: OutboxMessage[] = [];

  constructor(private readonly max = 1000) {}

  push(message: OutboxMessage): void {
    this.items.push(message);
    if (this.items.length >= 2 * this.max) this.items = this.items.slice(-this.max);
  }

  /** Index of the oldest message still kept. */
  private get start(): number {
    return Math.max(0, this.items.length - this.max);
  }

  list(): OutboxMessage[] {
    return this.items.slice(this.start).map((m) => ({ ...m }));
  }

  /** The newest message sent to a recipient, if any. */
  latestTo(to: string): OutboxMessage | undefined {
    for (let i = this.items.length - 1; i >= this.start; i--) if (this.items[i].to === to) return { ...this.items[i] };
    return undefined;
  }

  clear(): void {
    this.items = [];
  }

  get size(): number {
    return this.items.length - this.start;
  }
}
