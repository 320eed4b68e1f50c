/** Every SharedLimits adapter must pass these cases: token buckets and per-address connection counts. */
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryLimits, openRedisLimits, type SharedLimits } from '@agentsdk/gateway';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';

const redis = await connectTestRedis();
const prefixes: string[] = [];
const ADAPTERS: Record<string, () => SharedLimits> = {
  memory: () => createMemoryLimits(),
  ...(redis && {
    redis: () => {
      const prefix = randomKeyPrefix();
      prefixes.push(prefix);
      return openRedisLimits(redis, prefix);
    },
  }),
};

afterAll(async () => {
  if (!redis) return;
  for (const prefix of prefixes) await removeKeys(redis, prefix);
  await redis.quit();
});

const LIMIT = { perSecond: 2, burst: 3 };

describe.each(Object.keys(ADAPTERS))(`limits %s${redis ? '' : ` (redis skipped: ${TEST_REDIS_URL} does not answer)`}`, (name) => {
  const open = () => ADAPTERS[name]!();

  it('gives a new bucket its burst, then refills it at the rate, never past the burst', async () => {
    const limits = open();
    const takes = async (count: number, now: number) => {
      const results: boolean[] = [];
      for (let i = 0; i < count; i++) results.push(await limits.takeToken('signIns:10.0.0.1', LIMIT, now));
      return results;
    };
    expect(await takes(4, 1_000)).toEqual([true, true, true, false]);
    expect(await takes(2, 1_500)).toEqual([true, false]);
    expect(await takes(4, 60_000)).toEqual([true, true, true, false]);
    expect(await limits.takeToken('signIns:10.0.0.2', LIMIT, 60_000)).toBe(true);
  });

  it('counts open connections per key over every holder, and forgets a gone holder', async () => {
    const limits = open();
    await limits.connectionOpened('10.0.0.1', 'boot-a');
    await limits.connectionOpened('10.0.0.1', 'boot-a');
    await limits.connectionOpened('10.0.0.1', 'boot-b');
    await limits.connectionOpened('10.0.0.2', 'boot-b');
    expect(await limits.openConnections('10.0.0.1')).toBe(3);
    await limits.connectionClosed('10.0.0.1', 'boot-a');
    expect(await limits.openConnections('10.0.0.1')).toBe(2);
    await limits.forgetHolder('boot-b');
    expect(await limits.openConnections('10.0.0.1')).toBe(1);
    expect(await limits.openConnections('10.0.0.2')).toBe(0);
    await limits.connectionClosed('10.0.0.1', 'boot-a');
    expect(await limits.openConnections('10.0.0.1')).toBe(0);
    expect(await limits.openConnections('10.0.0.9')).toBe(0);
  });
});
