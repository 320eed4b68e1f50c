/** The Redis the multi-node tests share (CI starts it on 127.0.0.1:6379), a fresh key prefix per case, and its cleanup. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.AGENT_GATEWAY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A connected client, or undefined when Redis does not answer. */
export async function connectTestRedis(): Promise<Redis | undefined> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch {
    redis.disconnect();
    return undefined;
  }
}

/** A client for a second connection (a bus subscriber), same server. */
export function extraTestRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
}

export const randomKeyPrefix = () => `agent-gateway-test:${randomUUID()}:`;

export async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
