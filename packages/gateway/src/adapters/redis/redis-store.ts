/**
 * The store several gateway nodes share: Redis through ioredis, every key under `keyPrefix`. Mutations that touch more
 * than one key, or check before they write, are Lua scripts (./scripts), so a record and its indexes change together.
 *
 * The caller owns the ioredis client: `close()` leaves the connection open, since other nodes' stores or buses of the
 * same process may use it. Quit it after the last gateway using it closed.
 */
import type { Redis } from 'ioredis';
import type { TenantConfig } from '../../domain/tenant.js';
import type { SessionKeyRecord, SessionRecord, Store } from '../../ports/store.js';
import { redisAgentStore } from './redis-agent-store.js';
import { redisCallStore } from './redis-call-store.js';
import { redisDialerStore } from './redis-dialer-store.js';
import { redisPhoneRegistrations } from './redis-phone-registrations.js';
import { endSession } from './scripts/end-session-3.js';
import { insertSession } from './scripts/insert-session-3.js';
import { revokeSessionKey } from './scripts/revoke-session-key-1.js';

function storeKeys(prefix: string) {
  return {
    tenants: `${prefix}tenants`,
    sessionKey: (keyHash: string) => `${prefix}session-key:${keyHash}`,
    session: (sessionId: string) => `${prefix}session:${sessionId}`,
    liveSessions: `${prefix}sessions:live`,
    liveSessionsByKey: (keyHash: string) => `${prefix}sessions:live:key:${keyHash}`,
    leases: `${prefix}leases`,
    sessionEvents: (sessionId: string) => `${prefix}session-events:${sessionId}`,
  };
}

/** A session hash: the record as inserted, and the fields `end` adds. */
function toSession(fields: Record<string, string>): SessionRecord | undefined {
  if (fields.record === undefined) return undefined;
  const record = JSON.parse(fields.record) as SessionRecord;
  if (fields.endedAt !== undefined) record.endedAt = Number(fields.endedAt);
  if (fields.endReason !== undefined) record.endReason = fields.endReason;
  return record;
}

export interface RedisStoreOptions {
  /**
   * How long an ended call or session stays in Redis after its last change, in ms; then it expires with its index
   * entries. Default one hour (`AGENT_GATEWAY_ENDED_TTL_SECONDS`).
   */
  endedTtlMs?: number;
}

export const DEFAULT_ENDED_TTL_MS = 3_600_000;

export function openRedisStore(redis: Redis, keyPrefix: string, options: RedisStoreOptions = {}): Store {
  const endedTtlMs = options.endedTtlMs ?? DEFAULT_ENDED_TTL_MS;
  const keys = storeKeys(keyPrefix);
  const agents = redisAgentStore(redis, keyPrefix);

  async function sessions(sessionIds: string[]): Promise<SessionRecord[]> {
    if (sessionIds.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const sessionId of sessionIds) pipeline.hgetall(keys.session(sessionId));
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, fields]) => {
      if (error) throw error;
      const record = toSession(fields as Record<string, string>);
      return record ? [record] : [];
    });
  }

  return {
    tenants: {
      async upsert(config: TenantConfig) {
        await redis.hset(keys.tenants, config.tenantId, JSON.stringify(config));
        await agents.indexTenant(config);
      },
      async list() {
        const all = await redis.hgetall(keys.tenants);
        return Object.keys(all)
          .sort()
          .map((tenantId) => JSON.parse(all[tenantId]!) as TenantConfig);
      },
    },
    leases: {
      async renew(ownerId, at) {
        await redis.hset(keys.leases, ownerId, at);
      },
      async list() {
        const all = await redis.hgetall(keys.leases);
        return Object.keys(all)
          .sort()
          .map((ownerId) => ({ ownerId, renewedAt: Number(all[ownerId]) }));
      },
      async remove(ownerId) {
        return (await redis.hdel(keys.leases, ownerId)) === 1;
      },
    },
    sessionEvents: {
      async append(sessionId, event, keep) {
        const key = keys.sessionEvents(sessionId);
        await redis.multi().rpush(key, `${event.seq}\n${event.text}`).ltrim(key, -keep, -1).exec();
      },
      async list(sessionId) {
        return (await redis.lrange(keys.sessionEvents(sessionId), 0, -1)).map((entry) => {
          const newline = entry.indexOf('\n');
          return { seq: Number(entry.slice(0, newline)), text: entry.slice(newline + 1) };
        });
      },
      async remove(sessionId) {
        await redis.del(keys.sessionEvents(sessionId));
      },
    },
    sessionKeys: {
      async insert(record) {
        const inserted = await redis.hsetnx(keys.sessionKey(record.keyHash), 'record', JSON.stringify(record));
        if (inserted === 0) throw new Error(`session key ${record.keyHash} exists`);
      },
      async findByHash(keyHash) {
        const [json, revokedAt] = await redis.hmget(keys.sessionKey(keyHash), 'record', 'revokedAt');
        if (json == null) return undefined;
        const record = JSON.parse(json) as SessionKeyRecord;
        if (revokedAt != null) record.revokedAt = Number(revokedAt);
        return record;
      },
      async revoke(keyHash, at) {
        return (await revokeSessionKey.run(redis, [keys.sessionKey(keyHash)], [at])) === 1;
      },
    },
    sessions: {
      async insert(record) {
        const { endedAt: _endedAt, endReason: _endReason, ...inserted } = record;
        const result = await insertSession.run(
          redis,
          [keys.session(record.sessionId), keys.liveSessions, keys.liveSessionsByKey(record.keyHash)],
          [JSON.stringify(inserted), record.sessionId, record.createdAt],
        );
        if (result !== 1) throw new Error(`session ${record.sessionId} exists`);
      },
      async get(sessionId) {
        return toSession(await redis.hgetall(keys.session(sessionId)));
      },
      async end(sessionId, reason, at) {
        const json = await redis.hget(keys.session(sessionId), 'record');
        if (json === null) return false;
        const { keyHash } = JSON.parse(json) as SessionRecord;
        const ended = await endSession.run(
          redis,
          [keys.session(sessionId), keys.liveSessions, keys.liveSessionsByKey(keyHash)],
          [sessionId, at, reason, endedTtlMs],
        );
        return ended === 1;
      },
      async listLive() {
        return sessions(await redis.zrange(keys.liveSessions, 0, -1));
      },
      async listLiveByKeyHash(keyHash) {
        const live = await sessions(await redis.smembers(keys.liveSessionsByKey(keyHash)));
        return live.sort((a, b) => a.createdAt - b.createdAt || (a.sessionId < b.sessionId ? -1 : 1));
      },
    },
    agents,
    calls: redisCallStore(redis, keyPrefix, endedTtlMs),
    dialer: redisDialerStore(redis, keyPrefix),
    phoneRegistrations: redisPhoneRegistrations(redis, keyPrefix),
    async close() {
      // The caller owns the connection (see above).
    },
  };
}
