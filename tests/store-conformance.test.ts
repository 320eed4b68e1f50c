/** Every Store adapter must pass these cases; each adapter is one entry of ADAPTERS. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore, type Store } from '@agentsdk/gateway';
import { openRedisStore } from '../packages/gateway/src/adapters/redis/redis-store.js';
import type { AgentRecord } from '../packages/gateway/src/domain/agent.js';
import type { CallRecord } from '../packages/gateway/src/domain/call.js';
import type { TenantConfig } from '../packages/gateway/src/domain/tenant.js';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { temporaryDataDir } from './helpers/test-gateway.js';
import { ENDED_CALLS, endedCall, expectEndedCallPages, OTHER_TENANT_CALL } from './helpers/ended-call-pages.js';
import { storedCall } from './helpers/stored-calls.js';

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

/** Adapters whose data outlives the store object: each opens a store, and a second one on the same data. */
const REOPENABLE: Record<string, () => { open(): Store }> = {
  'sqlite file': () => {
    const dir = temporaryDataDir();
    directories.push(dir);
    return { open: () => openSqliteStore(join(dir.path, 'store.sqlite')) };
  },
  ...(redis && {
    redis: () => {
      const prefix = randomKeyPrefix();
      redisPrefixes.push(prefix);
      return { open: () => openRedisStore(redis, prefix) };
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

const call = storedCall;
const ended = endedCall;
const ids = (calls: CallRecord[]) => calls.map((c) => c.callId);

const agent = (agentNo: string, loginStatus: 0 | 1 | 2 | 3) =>
  ({ tenantId: 't1', agentNo, loginStatus, deviceStatus: 0, stateAction: 'login', stateSince: 1 }) as const;

/** Signed in, idle and with an endpoint: available for the queues it answers. */
const idle = (agentNo: string, fields: Partial<AgentRecord> = {}): AgentRecord => ({
  ...agent(agentNo, 1),
  bindEndpoint: { endpointType: 1, endpoint: '13600000000' },
  ...fields,
});

/** Tenant t1: a1-a4 answer q1, a3 and a4 also q2, s1 supervises q1 and q2. */
const routingTenant = (
  agents = [
    { agentNo: 'a1', queues: ['q1'] },
    { agentNo: 'a2', queues: ['q1'] },
    { agentNo: 'a3', queues: ['q1', 'q2'] },
    { agentNo: 'a4', queues: ['q1', 'q2'] },
  ],
) =>
  ({
    tenantId: 't1',
    name: 'T',
    apiKey: 'k'.repeat(8),
    agents: [
      ...agents.map((a) => ({ ...a, name: a.agentNo, role: 'agent', permissions: [] })),
      { agentNo: 's1', name: 'S', role: 'supervisor', queues: ['q1', 'q2'], permissions: [] },
    ],
    queues: [],
    pauseReasons: [],
  }) as unknown as TenantConfig;

const agentNos = (records: AgentRecord[]) => records.map((record) => record.agentNo);

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

  it("reads back each agent's latest write, the latest written first, however many agents there are", async () => {
    const store = open();
    const agentNos = Array.from({ length: 2_500 }, (_, index) => `m${index}`);
    for (const agentNo of agentNos) expect(await store.agents.compareAndSet(agent(agentNo, 1), 0)).toBe(true);
    for (const agentNo of agentNos) expect(await store.agents.compareAndSet(agent(agentNo, 2), 1)).toBe(true);
    for (const agentNo of [...agentNos].reverse()) {
      expect(await store.agents.get('t1', agentNo)).toEqual({ value: agent(agentNo, 2), version: 2 });
    }
    expect(await store.agents.compareAndSet(agent('m0', 3), 1)).toBe(false);
    expect(await store.agents.get('t1', 'm0')).toEqual({ value: agent('m0', 2), version: 2 });
    await store.close();
  });

  it('lists the agents available for a queue in the order of each routing strategy', async () => {
    const store = open();
    await store.tenants.upsert(routingTenant());
    await store.agents.compareAndSet(idle('a1', { stateSince: 30, lastOfferAt: 5, callsAnswered: 2 }), 0);
    await store.agents.compareAndSet(idle('a2', { stateSince: 10, lastOfferAt: 9, callsAnswered: 2 }), 0);
    await store.agents.compareAndSet(idle('a3', { stateSince: 20, callsAnswered: 1 }), 0);
    await store.agents.compareAndSet(idle('a4', { stateSince: 10, lastOfferAt: 5, callsAnswered: 1 }), 0);
    await store.agents.compareAndSet(idle('s1'), 0);
    await store.agents.compareAndSet(idle('x9'), 0);
    const available = (queueNo: string, strategy: 'longest-idle' | 'round-robin' | 'fewest-calls', limit = 10) =>
      store.agents.listAvailable('t1', queueNo, strategy, limit).then(agentNos);

    expect(await available('q1', 'longest-idle')).toEqual(['a2', 'a4', 'a3', 'a1']);
    expect(await available('q1', 'round-robin')).toEqual(['a3', 'a1', 'a4', 'a2']);
    expect(await available('q1', 'fewest-calls')).toEqual(['a4', 'a3', 'a2', 'a1']);
    expect(await available('q2', 'longest-idle')).toEqual(['a4', 'a3']);
    expect(await available('q1', 'longest-idle', 2)).toEqual(['a2', 'a4']);
    expect(await available('q3', 'longest-idle')).toEqual([]);
    expect(await store.agents.listAvailable('t2', 'q1', 'longest-idle', 10)).toEqual([]);
    expect((await store.agents.listAvailable('t1', 'q2', 'longest-idle', 1))[0]).toEqual(
      idle('a4', { stateSince: 10, lastOfferAt: 5, callsAnswered: 1 }),
    );
    await store.close();
  });

  it('keeps the availability index with every write: busy, ringing or unbound agents leave it, lost races change nothing', async () => {
    const store = open();
    await store.tenants.upsert(routingTenant());
    for (const agentNo of ['a1', 'a2', 'a3']) await store.agents.compareAndSet(idle(agentNo, { stateSince: Number(agentNo.slice(1)) }), 0);
    const available = () => store.agents.listAvailable('t1', 'q1', 'longest-idle', 10).then(agentNos);

    expect(await store.agents.compareAndSet(agent('a1', 2), 1)).toBe(true);
    expect(await store.agents.compareAndSet(idle('a2', { deviceStatus: 2, callId: 'c1' }), 1)).toBe(true);
    expect(await available()).toEqual(['a3']);
    expect(await store.agents.compareAndSet(agent('a3', 2), 7)).toBe(false);
    expect(await available()).toEqual(['a3']);
    expect(await store.agents.compareAndSet(idle('a3', { bindEndpoint: undefined }), 1)).toBe(true);
    expect(await available()).toEqual([]);

    expect(await store.agents.compareAndSet(idle('a1', { stateSince: 50 }), 2)).toBe(true);
    expect(await store.agents.compareAndSet(idle('a2', { stateSince: 40 }), 2)).toBe(true);
    expect(await available()).toEqual(['a2', 'a1']);
    await store.close();
  });

  it('re-indexes stored agents when the tenant configuration changes who answers a queue', async () => {
    const store = open();
    await store.tenants.upsert(routingTenant());
    await store.agents.compareAndSet(idle('a1', { stateSince: 1 }), 0);
    await store.agents.compareAndSet(idle('a3', { stateSince: 3 }), 0);
    await store.tenants.upsert(
      routingTenant([
        { agentNo: 'a1', queues: ['q2'] },
        { agentNo: 'a3', queues: ['q1'] },
      ]),
    );
    expect(agentNos(await store.agents.listAvailable('t1', 'q1', 'longest-idle', 10))).toEqual(['a3']);
    expect(agentNos(await store.agents.listAvailable('t1', 'q2', 'longest-idle', 10))).toEqual(['a1']);
    await store.tenants.upsert(routingTenant([{ agentNo: 'a3', queues: ['q1'] }]));
    expect(agentNos(await store.agents.listAvailable('t1', 'q2', 'longest-idle', 10))).toEqual([]);
    expect(await store.agents.compareAndSet(idle('a1', { stateSince: 9 }), 1)).toBe(true);
    expect(agentNos(await store.agents.listAvailable('t1', 'q2', 'longest-idle', 10))).toEqual([]);
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
    await store.sessions.insert({ sessionId: 's1', tenantId: 't1', agentNo: 'a1', keyHash: 'h1', createdAt: 1, sipHa1: 'ha1' });
    await store.sessions.insert({ sessionId: 's2', tenantId: 't1', agentNo: 'a2', keyHash: 'h2', createdAt: 2 });
    expect((await store.sessions.listLive()).map((s) => s.sessionId)).toEqual(['s1', 's2']);
    expect((await store.sessions.listLiveByKeyHash('h2')).map((s) => s.sessionId)).toEqual(['s2']);
    expect(await store.sessions.end('s1', 'logout', 9)).toBe(true);
    expect(await store.sessions.end('s1', 'logout', 10)).toBe(false);
    expect(await store.sessions.get('s1')).toMatchObject({ endedAt: 9, endReason: 'logout' });
    expect(await store.sessions.get('s1')).not.toHaveProperty('sipHa1');
    expect((await store.sessions.listLive()).map((s) => s.sessionId)).toEqual(['s2']);
    await store.close();
  });

  it("keeps each owner's latest lease and removes it once", async () => {
    const store = open();
    await store.leases.renew('boot-b', 10);
    await store.leases.renew('boot-a', 20);
    await store.leases.renew('boot-b', 30);
    expect(await store.leases.list()).toEqual([
      { ownerId: 'boot-a', renewedAt: 20 },
      { ownerId: 'boot-b', renewedAt: 30 },
    ]);
    expect(await store.leases.remove('boot-a')).toBe(true);
    expect(await store.leases.remove('boot-a')).toBe(false);
    expect(await store.leases.list()).toEqual([{ ownerId: 'boot-b', renewedAt: 30 }]);
    await store.close();
  });

  it('keeps where each phone is registered until it expires, moves or its node goes', async () => {
    const store = open();
    const now = Date.now();
    const phone = (address: string, ownerId: string, expiresAt = now + 60_000) =>
      ({
        tenantId: 't1',
        kind: 'extension',
        address,
        ownerId,
        sipAddress: `127.0.0.1:${ownerId === 'boot-a' ? 5060 : 5062}`,
        expiresAt,
      }) as const;
    await store.phoneRegistrations.put(phone('8001', 'boot-a'));
    await store.phoneRegistrations.put(phone('8002', 'boot-a'));
    await store.phoneRegistrations.put({ ...phone('8001', 'boot-b'), kind: 'softphone' });
    expect(await store.phoneRegistrations.find('t1', 'extension', '8001', now)).toEqual(phone('8001', 'boot-a'));
    expect(await store.phoneRegistrations.find('t1', 'softphone', '8001', now)).toMatchObject({ ownerId: 'boot-b' });
    expect(await store.phoneRegistrations.find('t2', 'extension', '8001', now)).toBeUndefined();
    expect(await store.phoneRegistrations.find('t1', 'extension', '8001', now + 60_000)).toBeUndefined();

    // The phone registers with another node: the first node's removal leaves it there.
    await store.phoneRegistrations.put(phone('8002', 'boot-b', now + 30_000));
    expect(await store.phoneRegistrations.remove('t1', 'extension', '8002', 'boot-a')).toBe(false);
    expect(await store.phoneRegistrations.find('t1', 'extension', '8002', now)).toEqual(phone('8002', 'boot-b', now + 30_000));

    expect(await store.phoneRegistrations.removeOwner('boot-a')).toBe(1);
    expect(await store.phoneRegistrations.find('t1', 'extension', '8001', now)).toBeUndefined();
    expect(await store.phoneRegistrations.find('t1', 'extension', '8002', now)).toMatchObject({ ownerId: 'boot-b' });
    expect(await store.phoneRegistrations.removeOwner('boot-a')).toBe(0);
    expect(await store.phoneRegistrations.remove('t1', 'extension', '8002', 'boot-b')).toBe(true);
    expect(await store.phoneRegistrations.find('t1', 'extension', '8002', now)).toBeUndefined();
    expect(await store.phoneRegistrations.removeOwner('boot-b')).toBe(1);
    expect(await store.phoneRegistrations.find('t1', 'softphone', '8001', now)).toBeUndefined();
    await store.close();
  });

  it('keeps the latest events of a session in order, and forgets them', async () => {
    const store = open();
    const frame = (seq: number) => ({ seq, text: `{"type":"evt","seq":${seq},"event":"agentStatus","data":{"line":"a\\nb"}}` });
    for (let seq = 1; seq <= 5; seq++) await store.sessionEvents.append('s1', frame(seq), 3);
    await store.sessionEvents.append('s2', frame(1), 3);
    expect((await store.sessionEvents.list('s1')).map((f) => f.seq)).toEqual([3, 4, 5]);
    expect(await store.sessionEvents.list('s1')).toContainEqual(frame(4));
    await store.sessionEvents.remove('s1');
    expect(await store.sessionEvents.list('s1')).toEqual([]);
    expect((await store.sessionEvents.list('s2')).map((f) => f.seq)).toEqual([1]);
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
    // c6 is still queued: not a record.
    for (const record of [...ENDED_CALLS, call('c6'), OTHER_TENANT_CALL]) await store.calls.compareAndSet(record, 0);
    await expectEndedCallPages((query) => store.calls.listEnded(query));
    await store.close();
  });

  it('lists a call for every agent who handled it, not only its last agent', async () => {
    const store = open();
    const leg = (legId: string, agentNo: string, answeredAt?: number) => ({
      legId,
      party: 'agent' as const,
      number: `1360000${agentNo}`,
      agentNo,
      startedAt: 1,
      ...(answeredAt && { answeredAt }),
    });
    // a1 answered and transferred to a2; a3 rang but never answered.
    await store.calls.compareAndSet(
      { ...ended('c1', 10, 'a2'), legs: [leg('l1', 'a1', 2), leg('l2', 'a3'), leg('l3', 'a2', 5)] } as CallRecord,
      0,
    );
    const list = (agentNo: string) => store.calls.listEnded({ tenantId: 't1', limit: 10, agentNo }).then(ids);
    expect(await list('a1')).toEqual(['c1']);
    expect(await list('a2')).toEqual(['c1']);
    expect(await list('a3')).toEqual([]);
    await store.close();
  });
});

describe.each(Object.entries(REOPENABLE))('Store adapter %s, opened again', (_name, data) => {
  it('lists the same available agents without the tenant configuration being upserted again', async () => {
    const place = data();
    const first = place.open();
    await first.tenants.upsert(routingTenant());
    await first.agents.compareAndSet(idle('a2', { stateSince: 2 }), 0);
    await first.agents.compareAndSet(idle('a1', { stateSince: 3 }), 0);
    await first.agents.compareAndSet(agent('a3', 2), 0);
    await first.close();

    const second = place.open();
    expect(agentNos(await second.agents.listAvailable('t1', 'q1', 'longest-idle', 10))).toEqual(['a2', 'a1']);
    expect(await second.agents.compareAndSet(idle('a3', { stateSince: 1 }), 1)).toBe(true);
    expect(agentNos(await second.agents.listAvailable('t1', 'q1', 'longest-idle', 10))).toEqual(['a3', 'a2', 'a1']);
    await second.close();
  });
});
