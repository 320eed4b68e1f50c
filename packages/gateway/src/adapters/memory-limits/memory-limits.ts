/** The limits of a single gateway node, in its memory. */
import { takeToken, tokensAt, type TokenBucket } from '../../domain/token-bucket.js';
import type { RateLimit, SharedLimits } from '../../ports/shared-limits.js';

/** Full buckets are forgotten, checked when the map has grown past this. */
const FIRST_SWEEP_AT = 1_000;

export function createMemoryLimits(): SharedLimits {
  const buckets = new Map<string, { bucket: TokenBucket; limit: RateLimit }>();
  const connections = new Map<string, Map<string, number>>();
  let sweepAt = FIRST_SWEEP_AT;

  const sweep = (now: number) => {
    for (const [name, { bucket, limit }] of buckets) if (tokensAt(bucket, limit, now) >= limit.burst) buckets.delete(name);
    sweepAt = Math.max(FIRST_SWEEP_AT, buckets.size * 2);
  };

  return {
    async takeToken(name, limit, now) {
      const { bucket, taken } = takeToken(buckets.get(name)?.bucket, limit, now);
      buckets.set(name, { bucket, limit });
      if (buckets.size > sweepAt) sweep(now);
      return taken;
    },
    async connectionOpened(key, holderId) {
      const holders = connections.get(key) ?? new Map<string, number>();
      connections.set(key, holders);
      holders.set(holderId, (holders.get(holderId) ?? 0) + 1);
    },
    async connectionClosed(key, holderId) {
      const holders = connections.get(key);
      const left = (holders?.get(holderId) ?? 0) - 1;
      if (!holders) return;
      if (left > 0) holders.set(holderId, left);
      else holders.delete(holderId);
      if (holders.size === 0) connections.delete(key);
    },
    async openConnections(key) {
      let open = 0;
      for (const count of connections.get(key)?.values() ?? []) open += count;
      return open;
    },
    async forgetHolder(holderId) {
      for (const [key, holders] of connections) {
        holders.delete(holderId);
        if (holders.size === 0) connections.delete(key);
      }
    },
  };
}
