/**
 * The mock clock: real time plus an offset that the control plane can advance, so suites can test expiry
 * (codes, tokens, resend intervals, daily limits) without sleeping. One per provider instance.
 *
 * Signature freshness (stale timestamps) is judged against real time, because clients sign with their own
 * clock; business state (expiry, intervals, daily counters) uses this clock.
 */
export class MockClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceMs must be a non-negative number, got ${ms}`);
    this.offsetMs += ms;
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /** Day number (UTC) for daily limits. */
  day(): number {
    return Math.floor(this.now() / 86_400_000);
  }
}
