/** A token bucket: `perSecond` tokens a second, at most `burst` saved up; a new bucket is full. */
import type { RateLimit } from '../ports/shared-limits.js';

export interface TokenBucket {
  tokens: number;
  /** When `tokens` was counted (ms). */
  at: number;
}

export function tokensAt(bucket: TokenBucket, limit: RateLimit, now: number): number {
  return Math.min(limit.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * limit.perSecond);
}

/** The bucket after an attempt to take one token at `now`, and whether there was one. */
export function takeToken(bucket: TokenBucket | undefined, limit: RateLimit, now: number): { bucket: TokenBucket; taken: boolean } {
  const tokens = bucket ? tokensAt(bucket, limit, now) : limit.burst;
  if (tokens < 1) return { bucket: { tokens, at: now }, taken: false };
  return { bucket: { tokens: tokens - 1, at: now }, taken: true };
}
