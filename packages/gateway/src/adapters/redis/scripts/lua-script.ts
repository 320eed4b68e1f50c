/** A Lua script run by SHA (EVALSHA), loaded with EVAL the first time a Redis server does not know it. */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LuaScript {
  readonly name: string;
  readonly keyCount: number;
  run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown>;
}

export function luaScript(name: string, keyCount: number, source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    name,
    keyCount,
    async run(redis, keys, args) {
      if (keys.length !== keyCount) throw new Error(`${name} takes ${keyCount} keys, got ${keys.length}`);
      try {
        return await redis.evalsha(sha, keyCount, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(source, keyCount, ...keys, ...args);
      }
    },
  };
}
