/** Every Store adapter must pass these cases; each adapter is one entry of ADAPTERS. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore, type Store } from '@agentsdk/gateway';
import { openRedisStore } from '../packages/gateway/src/adapters/redis/redis-store.js';
import type { CallRecord } from '../packages/gateway/src/domain/call.js';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { temporaryDataDir } from './helpers/test-gateway.js';

const redis = await connectTestRedis();
const directories: { remove(): void }[] = [];
const redisPrefixes: string[] = [];
const ADAPTERS: Record<string, () => Store> = {
  'sqlite :memory:': () => openSqliteStore(':memory:'),
  'sqlite file': () => {
    const dir = temporaryDataDir();
    directories.push(dir);
    return openSqliteStore(join(dir.path, 'store.sqlite'));
  },
  ...(redis && {
    redis: () => {
      const prefix = randomKeyPrefix();
      redisPrefixes.push(prefix);
      return openRedisStore(redis, prefix);
    },
  }),
};

afterEach(async () => {
  for (const dir of directories.splice(0)) dir.remove();
  for (const prefix of redisPrefixes.splice(0)) await removeKeys(redis!, prefix);
});
afterAll(() => redis?.quit());

if (!redis) {
  describe('Store adapter redis', () => it.skip(`is skipped: Redis at ${TEST_REDIS_URL} does not answer`, () => undefined));
}

const call = (callId: string, fields: Partial<CallRecord> = {}): CallRecord => ({
  callId,
  tenantId: 't1',
  callType: 1,
  phase: 'queued',
  customerNumber: '13800000000',
  variables: [],
  backupNumbers: [],
  customerAnswerTimeoutMs: 30_000,
  wrapupSeconds: 0,
  held: false,
  muted: { in: false, out: false },
  declinedBy: [],
  cdrIsAsr: 0,
  legs: [],
  createdAt: 1,
  ...fields,
});
const ended = (callId: string, endedAt: number, agentNo?: string) =>
  call(callId, { phase: 'ended', endedAt, outcome: 'completed', ...(agentNo && { agentNo }) });
const ids = (calls: CallRecord[]) => calls.map((c) => c.callId);

const agent = (agentNo: string, loginStatus: 0 | 1 | 2 | 3) =>
  ({ tenantId: 't1', agentNo, loginStatus, deviceStatus: 0, stateAction: 'login', stateSince: 1 }) as const;

describe.each(Object.entries(ADAPTERS))('Store adapter %s', (_name, open) => {
  it('writes an agent only when the expected version matches', async () => {
    const store = open();
    expect(await store.agents.get('t1', 'a1')).toBeUndefined();
    expect(await store.agents.compareAndSet(agent('a1', 1), 0)).toBe(true);
    expect(await store.agents.compareAndSet(agent('a1', 2), 0)).toBe(false);
    const stored = await store.agents.get('t1', 'a1');
    expect(stored).toEqual({ value: agent('a1', 1), version: 1 });
    expect(await store.agents.compareAndSet(agent('a1', 2), 1)).toBe(true);
    expect(await store.agents.compareAndSet(agent('a1', 3), 1)).toBe(false);
    expect((await store.agents.get('t1', 'a1'))?.value.loginStatus).toBe(2);
    expect(await store.agents.list('t1')).toHaveLength(1);
    expect(await store.agents.list('t2')).toEqual([]);
    await store.close();
  });

  it('finds, expires nothing by itself, and revokes session keys once', async () => {
    const store = open();
    await store.sessionKeys.insert({ keyHash: 'h1', tenantId: 't1', agentNo: 'a1', createdAt: 1, expiresAt: 2 });
    expect(await store.sessionKeys.findByHash('h1')).toEqual({ keyHash: 'h1', tenantId: 't1', agentNo: 'a1', createdAt: 1, expiresAt: 2 });
    expect(await store.sessionKeys.findByHash('nope')).toBeUndefined();
    expect(await store.sessionKeys.revoke('h1', 5)).toBe(true);
    expect(await store.sessionKeys.revoke('h1', 6)).toBe(false);
    expect((await store.sessionKeys.findByHash('h1'))?.revokedAt).toBe(5);
    await store.close();
  });

  it('lists live sessions until they end, and ends each once', async () => {
    const store = open();
    await store.sessions.insert({ sessionId: 's1', tenantId: 't1', agentNo: 'a1', keyHash: 'h1', createdAt: 1 });
    await store.sessions.insert({ sessionId: 's2', tenantId: 't1', agentNo: 'a2', keyHash: 'h2', createdAt: 2 });
    expect((await store.sessions.listLive()).map((s) => s.sessionId)).toEqual(['s1', 's2']);
    expect((await store.sessions.listLiveByKeyHash('h2')).map((s) => s.sessionId)).toEqual(['s2']);
    expect(await store.sessions.end('s1', 'logout', 9)).toBe(true);
    expect(await store.sessions.end('s1', 'logout', 10)).toBe(false);
    expect(await store.sessions.get('s1')).toMatchObject({ endedAt: 9, endReason: 'logout' });
    expect((await store.sessions.listLive()).map((s) => s.sessionId)).toEqual(['s2']);
    await store.close();
  });

  it('keeps tenant configurations by id', async () => {
    const store = open();
    const tenant = { tenantId: 't1', name: 'T', apiKey: 'k'.repeat(8), agents: [], queues: [], pauseReasons: [] } as never;
    await store.tenants.upsert(tenant);
    await store.tenants.upsert({ ...(tenant as object), name: 'T2' } as never);
    expect((await store.tenants.list()).map((t) => t.name)).toEqual(['T2']);
    await store.close();
  });

  it('writes a call only when the expected version matches', async () => {
    const store = open();
    expect(await store.calls.get('c1')).toBeUndefined();
    expect(await store.calls.compareAndSet(call('c1', { queueNo: 'q1', queuedAt: 5 }), 0)).toBe(true);
    expect(await store.calls.compareAndSet(call('c1'), 0)).toBe(false);
    expect(await store.calls.get('c1')).toEqual({ value: call('c1', { queueNo: 'q1', queuedAt: 5 }), version: 1 });
    expect(await store.calls.compareAndSet(call('c1', { phase: 'offering', agentNo: 'a1' }), 1)).toBe(true);
    expect(await store.calls.compareAndSet(call('c1', { phase: 'connected' }), 1)).toBe(false);
    expect(await store.calls.get('c1')).toMatchObject({ value: { phase: 'offering', agentNo: 'a1' }, version: 2 });
    await store.close();
  });

  it('lists queued calls of a queue longest waiting first, and active calls until they end', async () => {
    const store = open();
    await store.calls.compareAndSet(call('c1', { queueNo: 'q1', queuedAt: 30 }), 0);
    await store.calls.compareAndSet(call('c2', { queueNo: 'q1', queuedAt: 10 }), 0);
    await store.calls.compareAndSet(call('c3', { queueNo: 'q2', queuedAt: 20 }), 0);
    await store.calls.compareAndSet(call('c4', { queueNo: 'q1', queuedAt: 10 }), 0);
    await store.calls.compareAndSet(call('c5', { tenantId: 't2', queueNo: 'q1', queuedAt: 1 }), 0);
    expect(ids(await store.calls.listQueued('t1', 'q1'))).toEqual(['c2', 'c4', 'c1']);
    expect(ids(await store.calls.listQueued('t1', 'q2'))).toEqual(['c3']);
    expect(ids(await store.calls.listActive('t1'))).toEqual(['c1', 'c2', 'c3', 'c4']);

    await store.calls.compareAndSet(call('c2', { queueNo: 'q1', queuedAt: 10, phase: 'connected', agentNo: 'a1' }), 1);
    await store.calls.compareAndSet(call('c3', { queueNo: 'q2', queuedAt: 20, phase: 'ended', endedAt: 40 }), 1);
    expect(ids(await store.calls.listQueued('t1', 'q1'))).toEqual(['c4', 'c1']);
    expect(await store.calls.listQueued('t1', 'q2')).toEqual([]);
    expect(ids(await store.calls.listActive('t1'))).toEqual(['c1', 'c2', 'c4']);
    expect(ids(await store.calls.listActive('t2'))).toEqual(['c5']);
    await store.close();
  });

  it('finds a call by the request that created it', async () => {
    const store = open();
    await store.calls.compareAndSet(call('c1', { phase: 'agentDialing', agentNo: 'a1', requestUniqueId: 'r1' }), 0);
    expect((await store.calls.findByRequestUniqueId('t1', 'a1', 'r1'))?.callId).toBe('c1');
    expect(await store.calls.findByRequestUniqueId('t1', 'a2', 'r1')).toBeUndefined();
    expect(await store.calls.findByRequestUniqueId('t2', 'a1', 'r1')).toBeUndefined();
    await store.calls.compareAndSet(call('c1', { phase: 'ended', endedAt: 9, agentNo: 'a1', requestUniqueId: 'r1' }), 1);
    expect((await store.calls.findByRequestUniqueId('t1', 'a1', 'r1'))?.phase).toBe('ended');
    await store.close();
  });

  it('lists ended calls newest first, by time range and agent, in pages', async () => {
    const store = open();
    const calls = [ended('c1', 10, 'a1'), ended('c2', 20, 'a2'), ended('c3', 20, 'a1'), ended('c4', 30, 'a1'), ended('c5', 40), call('c6')];
    for (const record of calls) await store.calls.compareAndSet(record, 0);
    await store.calls.compareAndSet(ended('c7', 50, 'a1'), 0);
    await store.calls.compareAndSet({ ...ended('c8', 25, 'a1'), tenantId: 't2' }, 0);
    const list = (query: Partial<Parameters<Store['calls']['listEnded']>[0]> = {}) => store.calls.listEnded({ tenantId: 't1', limit: 10, ...query }).then(ids);

    expect(await list()).toEqual(['c7', 'c5', 'c4', 'c3', 'c2', 'c1']);
    expect(await list({ from: 20, to: 40 })).toEqual(['c4', 'c3', 'c2']);
    expect(await list({ agentNo: 'a1' })).toEqual(['c7', 'c4', 'c3', 'c1']);
    expect(await list({ agentNo: 'a1', from: 11, to: 50 })).toEqual(['c4', 'c3']);
    expect(await list({ limit: 2 })).toEqual(['c7', 'c5']);
    expect(await list({ limit: 2, before: { endedAt: 30, callId: 'c4' } })).toEqual(['c3', 'c2']);
    expect(await list({ limit: 2, before: { endedAt: 20, callId: 'c3' } })).toEqual(['c2', 'c1']);
    expect(await list({ limit: 1, agentNo: 'a1', before: { endedAt: 20, callId: 'c3' } })).toEqual(['c1']);
    expect(await list({ to: 40, before: { endedAt: 45, callId: 'x' } })).toEqual(['c4', 'c3', 'c2', 'c1']);
    expect(await list({ agentNo: 'a3' })).toEqual([]);
    await store.close();
  });

  it('lists a call for every agent who handled it, not only its last agent', async () => {
    const store = open();
    const leg = (legId: string, agentNo: string, answeredAt?: number) => ({ legId, party: 'agent' as const, number: `1360000${agentNo}`, agentNo, startedAt: 1, ...(answeredAt && { answeredAt }) });
    // a1 answered and transferred to a2; a3 rang but never answered.
    await store.calls.compareAndSet({ ...ended('c1', 10, 'a2'), legs: [leg('l1', 'a1', 2), leg('l2', 'a3'), leg('l3', 'a2', 5)] } as CallRecord, 0);
    const list = (agentNo: string) => store.calls.listEnded({ tenantId: 't1', limit: 10, agentNo }).then(ids);
    expect(await list('a1')).toEqual(['c1']);
    expect(await list('a2')).toEqual(['c1']);
    expect(await list('a3')).toEqual([]);
    await store.close();
  });
});
