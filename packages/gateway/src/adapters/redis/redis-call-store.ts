/**
 * Calls in Redis: each call is a hash {record, version}; the queued, active, ended and request indexes change in the
 * same Lua script as the record (compare-and-set-call-7). An ended call leaves Redis `endedCallTtlMs` after its last
 * write (live state only: call records for the long term belong in a database).
 */
import type { Redis } from 'ioredis';
import type { CallRecord } from '../../domain/call.js';
import { handledBy } from '../../domain/call-disposition.js';
import type { CallRecordQuery, CallStore, Versioned } from '../../ports/store.js';
import { compareAndSetCall } from './scripts/compare-and-set-call-7.js';

/** Ended calls read per round trip while paging with an agent filter. */
const ENDED_SCAN_BATCH = 200;

function callKeys(prefix: string) {
  return {
    call: (callId: string) => `${prefix}call:${callId}`,
    queued: (tenantId: string, queueNo: string) => `${prefix}calls:queued:${tenantId}:${queueNo}`,
    active: (tenantId: string) => `${prefix}calls:active:${tenantId}`,
    ended: (tenantId: string) => `${prefix}calls:ended:${tenantId}`,
    request: (tenantId: string, agentNo: string, requestUniqueId: string) =>
      `${prefix}calls:request:${tenantId}:${agentNo}:${requestUniqueId}`,
    /** Stands in for an index a record does not have; never written. */
    none: `${prefix}calls:none`,
  };
}

const parse = (json: string) => JSON.parse(json) as CallRecord;

export function redisCallStore(redis: Redis, prefix: string, endedCallTtlMs: number): CallStore {
  const keys = callKeys(prefix);
  const queuedKey = (call: CallRecord) =>
    call.phase === 'queued' && call.queueNo !== undefined ? keys.queued(call.tenantId, call.queueNo) : undefined;
  const requestKey = (call: CallRecord) =>
    call.agentNo !== undefined && call.requestUniqueId !== undefined
      ? keys.request(call.tenantId, call.agentNo, call.requestUniqueId)
      : undefined;

  async function records(callIds: string[]): Promise<CallRecord[]> {
    if (callIds.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const callId of callIds) pipeline.hget(keys.call(callId), 'record');
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, json]) => {
      if (error) throw error;
      return typeof json === 'string' ? [parse(json)] : [];
    });
  }

  async function get(callId: string): Promise<Versioned<CallRecord> | undefined> {
    const [json, version] = await redis.hmget(keys.call(callId), 'record', 'version');
    return json == null || version == null ? undefined : { value: parse(json), version: Number(version) };
  }

  return {
    get,
    async compareAndSet(call, expectedVersion) {
      let stored: CallRecord | undefined;
      if (expectedVersion !== 0) {
        const current = await get(call.callId);
        if (current?.version !== expectedVersion) return false;
        stored = current.value;
      }
      const newQueued = queuedKey(call);
      const newRequest = requestKey(call);
      const written = await compareAndSetCall.run(
        redis,
        [
          keys.call(call.callId),
          (stored && queuedKey(stored)) ?? newQueued ?? keys.none,
          newQueued ?? keys.none,
          keys.active(call.tenantId),
          keys.ended(call.tenantId),
          (stored && requestKey(stored)) ?? newRequest ?? keys.none,
          newRequest ?? keys.none,
        ],
        [
          expectedVersion,
          JSON.stringify(call),
          call.callId,
          newQueued ? (call.queuedAt ?? 0) : '',
          call.phase === 'ended' ? '0' : '1',
          call.phase === 'ended' ? (call.endedAt ?? 0) : '',
          newRequest ? '1' : '0',
          endedCallTtlMs,
        ],
      );
      return written !== 0;
    },
    async listQueued(tenantId, queueNo) {
      return records(await redis.zrange(keys.queued(tenantId, queueNo), 0, -1));
    },
    async listActive(tenantId) {
      return records(await redis.zrange(keys.active(tenantId), 0, -1));
    },
    async findByRequestUniqueId(tenantId, agentNo, requestUniqueId) {
      const callId = await redis.get(keys.request(tenantId, agentNo, requestUniqueId));
      return callId === null ? undefined : (await records([callId]))[0];
    },
    async listEnded(query) {
      return listEnded(redis, keys.ended(query.tenantId), query, records);
    },
  };
}

/**
 * Newest first, ties by callId descending (as ZREVRANGEBYSCORE orders equal scores). Reads the index in bounded batches
 * and filters `before` ties and `agentNo` here, until `limit` calls are found or the range is exhausted.
 */
async function listEnded(
  redis: Redis,
  endedKey: string,
  query: CallRecordQuery,
  records: (callIds: string[]) => Promise<CallRecord[]>,
): Promise<CallRecord[]> {
  if (query.limit <= 0) return [];
  let max = query.to !== undefined ? `(${query.to}` : '+inf';
  if (query.before && (query.to === undefined || query.before.endedAt < query.to)) max = String(query.before.endedAt);
  const min = query.from !== undefined ? String(query.from) : '-inf';
  const batchSize = query.agentNo === undefined ? query.limit + 1 : Math.max(ENDED_SCAN_BATCH, query.limit);
  const found: CallRecord[] = [];
  for (let offset = 0; found.length < query.limit; offset += batchSize) {
    const flat = await redis.zrevrangebyscore(endedKey, max, min, 'WITHSCORES', 'LIMIT', offset, batchSize);
    const callIds: string[] = [];
    for (let index = 0; index < flat.length; index += 2) {
      const callId = flat[index]!;
      const endedAt = Number(flat[index + 1]);
      if (query.before && endedAt === query.before.endedAt && callId >= query.before.callId) continue;
      callIds.push(callId);
    }
    for (const call of await records(callIds)) {
      if (query.agentNo !== undefined && !handledBy(call, query.agentNo)) continue;
      found.push(call);
      if (found.length === query.limit) break;
    }
    if (flat.length < batchSize * 2) break;
  }
  return found;
}
