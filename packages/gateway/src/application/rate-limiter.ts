/** Token buckets by key, on the injected clock: `perSecond` tokens a second, at most `burst` saved up. */
import type { Clock } from '../ports/clock.js';
import type { RateLimit } from '../ports/shared-limits.js';
import { takeToken, tokensAt, type TokenBucket } from '../domain/token-bucket.js';

export type { RateLimit };

/** Buckets are forgotten once full again, checked when the map has grown past this. */
const FIRST_SWEEP_AT = 1_000;

export class RateLimiter<K> {
  private readonly buckets = new Map<K, TokenBucket>();
  private sweepAt = FIRST_SWEEP_AT;

  constructor(
    private readonly clock: Clock,
    readonly limit: RateLimit,
  ) {}

  /** Takes a token for `key`; false when its bucket is empty. */
  take(key: K): boolean {
    if (this.limit.perSecond === Infinity) return true;
    const now = this.clock.now();
    const { bucket, taken } = takeToken(this.buckets.get(key), this.limit, now);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.sweepAt) this.sweep(now);
    return taken;
  }

  /** A full bucket is the same as none, so idle keys (closed sockets, quiet tenants) do not accumulate. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (tokensAt(bucket, this.limit, now) >= this.limit.burst) this.buckets.delete(key);
    this.sweepAt = Math.max(FIRST_SWEEP_AT, this.buckets.size * 2);
  }
}

export interface RateLimits {
  /** Requests of one WebSocket session (before login: of one connection). */
  sessionRequests: RateLimit;
  /** Authenticated calls of one tenant to the HTTP API. */
  tenantApiRequests: RateLimit;
  /** Telemetry uploads of one session. */
  telemetryUploads: RateLimit;
  /** `login` and `resume` attempts from one client address (an office behind one NAT shares it). */
  signInsPerAddress: RateLimit;
  /** `login` attempts for one agent, from anywhere: guessing an agent's session key is slow. */
  signInsPerAgent: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  sessionRequests: { perSecond: 20, burst: 40 },
  tenantApiRequests: { perSecond: 50, burst: 100 },
  telemetryUploads: { perSecond: 1, burst: 20 },
  signInsPerAddress: { perSecond: 20, burst: 200 },
  signInsPerAgent: { perSecond: 1, burst: 10 },
};
