/** Every Store adapter, opened fresh per case (SQLite in memory and on file, Redis under a fresh key prefix), and their cleanup. */
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { openSqliteStore, type Store } from '@agentsdk/gateway';
import { openRedisStore } from '../../packages/gateway/src/adapters/redis/redis-store.js';
import { randomKeyPrefix, removeKeys } from './redis.js';
import { temporaryDataDir } from './test-gateway.js';

export interface StoreAdapters {
  /** Opens an empty store. */
  fresh: Record<string, () => Store>;
  /** Opens a place whose data outlives the store object: `open()` again sees what the first store wrote. */
  reopenable: Record<string, () => { open(): Store }>;
  /** Removes what the cases wrote (call after each case). */
  cleanUp(): Promise<void>;
}

export function storeAdapters(redis: Redis | undefined): StoreAdapters {
  const directories: { remove(): void }[] = [];
  const prefixes: string[] = [];
  const fileStore = () => {
    const dir = temporaryDataDir();
    directories.push(dir);
    return { open: () => openSqliteStore(join(dir.path, 'store.sqlite')) };
  };
  const redisStore = (client: Redis) => {
    const prefix = randomKeyPrefix();
    prefixes.push(prefix);
    return { open: () => openRedisStore(client, prefix) };
  };
  return {
    fresh: {
      'sqlite :memory:': () => openSqliteStore(':memory:'),
      'sqlite file': () => fileStore().open(),
      ...(redis && { redis: () => redisStore(redis).open() }),
    },
    reopenable: {
      'sqlite file': fileStore,
      ...(redis && { redis: () => redisStore(redis) }),
    },
    async cleanUp() {
      for (const dir of directories.splice(0)) dir.remove();
      for (const prefix of prefixes.splice(0)) await removeKeys(redis!, prefix);
    },
  };
}
