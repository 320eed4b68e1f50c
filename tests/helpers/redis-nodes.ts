/**
 * In-process gateway nodes of one cluster: each node's store and bus on the test Redis, under a key prefix of the
 * cluster's own. `close` stops the nodes, removes the keys and quits the connections. Without a Redis at
 * TEST_REDIS_URL, `redis` is undefined: the tests skip.
 */
import type { Redis } from 'ioredis';
import { createRedisBus, type GatewayOptions, openRedisStore } from '@agentsdk/gateway';
import { connectTestRedis, extraTestRedis, randomKeyPrefix, removeKeys } from './redis.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

export interface RedisNodes {
  redis: Redis | undefined;
  prefix: string;
  /** A node on the cluster's store and bus, with further options. */
  start(options?: GatewayOptions): Promise<TestGateway>;
  close(): Promise<void>;
}

export async function redisNodes(): Promise<RedisNodes> {
  const redis = await connectTestRedis();
  const prefix = randomKeyPrefix();
  const subscribers: Redis[] = [];
  const nodes: TestGateway[] = [];
  return {
    redis,
    prefix,
    async start(options = {}) {
      if (!redis) throw new Error('no Redis: the cluster tests skip');
      const subscriber = extraTestRedis();
      subscribers.push(subscriber);
      const node = await startTestGateway({
        store: openRedisStore(redis, prefix),
        bus: createRedisBus(redis, subscriber, prefix),
        ...options,
      });
      nodes.push(node);
      return node;
    },
    async close() {
      if (!redis) return;
      for (const node of nodes) await node.close();
      await removeKeys(redis, prefix);
      await Promise.all([redis, ...subscribers].map((connection) => connection.quit()));
    },
  };
}
