/**
 * Limits every node of a cluster shares, under `keyPrefix`: token buckets `limit:<bucket>` (one Lua script a take;
 * a bucket expires once full again) and, per client address, `connections:<address>` holding each node's count of
 * open sockets, with the addresses a node counts in `connections-of:<node>` so a gone node's counts can be removed.
 * Connection counts also expire a day after their last change, in case no node is left to remove them.
 */
import type { Redis } from 'ioredis';
import type { SharedLimits } from '../../ports/shared-limits.js';
import { takeTokenScript } from './scripts/take-token-1.js';

const CONNECTION_COUNT_TTL_MS = 24 * 3600 * 1000;

export function openRedisLimits(redis: Redis, keyPrefix: string): SharedLimits {
  const bucketKey = (bucket: string) => `${keyPrefix}limit:${bucket}`;
  const connectionsKey = (key: string) => `${keyPrefix}connections:${key}`;
  const addressesOf = (holderId: string) => `${keyPrefix}connections-of:${holderId}`;
  return {
    async takeToken(bucket, limit, now) {
      return (await takeTokenScript.run(redis, [bucketKey(bucket)], [now, limit.perSecond, limit.burst])) === 1;
    },
    async connectionOpened(key, holderId) {
      await redis
        .multi()
        .hincrby(connectionsKey(key), holderId, 1)
        .pexpire(connectionsKey(key), CONNECTION_COUNT_TTL_MS)
        .sadd(addressesOf(holderId), key)
        .pexpire(addressesOf(holderId), CONNECTION_COUNT_TTL_MS)
        .exec();
    },
    async connectionClosed(key, holderId) {
      const left = await redis.hincrby(connectionsKey(key), holderId, -1);
      if (left <= 0) await redis.hdel(connectionsKey(key), holderId);
    },
    async openConnections(key) {
      return (await redis.hvals(connectionsKey(key))).reduce((sum, count) => sum + Math.max(0, Number(count)), 0);
    },
    async forgetHolder(holderId) {
      const keys = await redis.smembers(addressesOf(holderId));
      const forgetting = redis.multi();
      for (const key of keys) forgetting.hdel(connectionsKey(key), holderId);
      await forgetting.del(addressesOf(holderId)).exec();
    },
  };
}
