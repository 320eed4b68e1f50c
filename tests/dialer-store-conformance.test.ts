/** The DialerStore cases every Store adapter must pass: tasks, numbers, atomic claims, outcomes, progress. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DialerTaskRecord } from '../packages/gateway/src/domain/dialer-campaign.js';
import { withTaskDefaults } from '../packages/gateway/src/domain/dialer-campaign.js';
import { connectTestRedis, TEST_REDIS_URL } from './helpers/redis.js';
import { storeAdapters } from './helpers/store-adapters.js';

const redis = await connectTestRedis();
const adapters = storeAdapters(redis);
afterEach(() => adapters.cleanUp());
afterAll(() => redis?.quit());

if (!redis) describe('DialerStore adapter redis', () => it.skip(`is skipped: Redis at ${TEST_REDIS_URL} does not answer`, () => undefined));

const task = (taskId: string, fields: Partial<DialerTaskRecord> = {}): DialerTaskRecord => ({
  ...withTaskDefaults({ taskId, name: `Task ${taskId}`, mode: 'progressive' }),
  tenantId: 't1',
  createdAt: 1,
  updatedAt: 1,
  ...fields,
});
const numbers = (...list: string[]) => list.map((number) => ({ number, variables: { customer: `c${number}` } }));
const LEASE = { leaseMs: 60_000 };

describe.each(Object.entries(adapters.fresh))('DialerStore adapter %s', (_name, open) => {
  it("creates a task once, updates only a task that exists, and lists a tenant's tasks", async () => {
    const store = open();
    expect(await store.dialer.createTask(task('b'))).toBe(true);
    expect(await store.dialer.createTask(task('b', { name: 'again' }))).toBe(false);
    expect(await store.dialer.createTask(task('a', { mode: 'preview' }))).toBe(true);
    expect(await store.dialer.updateTask(task('b', { paused: true, updatedAt: 2 }))).toBe(true);
    expect(await store.dialer.updateTask(task('zz'))).toBe(false);
    expect(await store.dialer.getTask('t1', 'b')).toEqual(task('b', { paused: true, updatedAt: 2 }));
    expect((await store.dialer.listTasks('t1')).map((t) => t.taskId)).toEqual(['a', 'b']);
    expect(await store.dialer.listTasks('t2')).toEqual([]);
    expect(await store.dialer.getTask('t2', 'b')).toBeUndefined();
    await store.close();
  });

  it('adds numbers once each and claims them in upload order, each to one claimant', async () => {
    const store = open();
    await store.dialer.createTask(task('k'));
    expect(await store.dialer.addNumbers('t1', 'k', numbers('300', '100', '200'), 10)).toEqual([true, true, true]);
    expect(await store.dialer.addNumbers('t1', 'k', numbers('100', '400'), 10)).toEqual([false, true]);
    expect(await store.dialer.claimNext('t1', 'k', { owner: 'n1', now: 9, ...LEASE })).toBeUndefined();
    const claims = await Promise.all([1, 2, 3, 4, 5].map((i) => store.dialer.claimNext('t1', 'k', { owner: `n${i}`, now: 10, ...LEASE })));
    expect(claims.map((claim) => claim?.number).sort()).toEqual(['100', '200', '300', '400', undefined].sort());
    const first = claims.find((claim) => claim?.number === '300');
    expect(first).toMatchObject({ number: '300', state: 'claimed', variables: { customer: 'c300' }, attempts: 0, history: [] });
    expect(first?.claim).toMatchObject({ at: 10, expiresAt: 60_010 });
    await store.close();
  });

  it('claims the earliest due number first and skips numbers waiting for a retry', async () => {
    const store = open();
    await store.dialer.createTask(task('k'));
    await store.dialer.addNumbers('t1', 'k', numbers('1', '2', '3'), 10);
    const one = await store.dialer.claimNext('t1', 'k', { owner: 'a', now: 10, ...LEASE });
    expect(one?.number).toBe('1');
    expect(
      await store.dialer.recordOutcome('t1', 'k', '1', { owner: 'a', outcome: 'busy', at: 20, nextAttemptAt: 500, callId: 'call-1' }),
    ).toBe(true);
    expect((await store.dialer.listDue('t1', 'k', 100, 10)).map((n) => n.number)).toEqual(['2', '3']);
    expect((await store.dialer.claimNext('t1', 'k', { owner: 'a', now: 100, ...LEASE }))?.number).toBe('2');
    expect((await store.dialer.claimNext('t1', 'k', { owner: 'a', now: 100, ...LEASE }))?.number).toBe('3');
    expect(await store.dialer.claimNext('t1', 'k', { owner: 'a', now: 100, ...LEASE })).toBeUndefined();
    const again = await store.dialer.claimNext('t1', 'k', { owner: 'b', now: 500, ...LEASE });
    expect(again).toMatchObject({
      number: '1',
      attempts: 1,
      lastOutcome: 'busy',
      history: [{ at: 20, outcome: 'busy', callId: 'call-1' }],
    });
    await store.close();
  });

  it("records an outcome only for the claim's owner, and counts progress by each number's latest outcome", async () => {
    const store = open();
    await store.dialer.createTask(task('k'));
    await store.dialer.addNumbers('t1', 'k', numbers('1', '2', '3', '4'), 0);
    expect(await store.dialer.progress('t1', 'k')).toEqual({ total: 4, dialled: 0, remaining: 4, outcomes: {} });
    for (const owner of ['a', 'b', 'c']) await store.dialer.claimNext('t1', 'k', { owner, now: 0, ...LEASE });
    expect(await store.dialer.recordOutcome('t1', 'k', '1', { owner: 'b', outcome: 'answered', at: 1 })).toBe(false);
    expect(await store.dialer.recordOutcome('t1', 'k', '4', { owner: 'a', outcome: 'answered', at: 1 })).toBe(false);
    expect(await store.dialer.recordOutcome('t1', 'k', '1', { owner: 'a', outcome: 'answered', at: 1 })).toBe(true);
    expect(await store.dialer.recordOutcome('t1', 'k', '1', { owner: 'a', outcome: 'answered', at: 1 })).toBe(false);
    expect(await store.dialer.recordOutcome('t1', 'k', '2', { owner: 'b', outcome: 'noAnswer', at: 1, nextAttemptAt: 2 })).toBe(true);
    expect(await store.dialer.recordOutcome('t1', 'k', '3', { owner: 'c', outcome: 'skipped', at: 1 })).toBe(true);
    expect(await store.dialer.progress('t1', 'k')).toEqual({
      total: 4,
      dialled: 2,
      remaining: 2,
      outcomes: { answered: 1, noAnswer: 1, skipped: 1 },
    });

    expect(await store.dialer.claimNext('t1', 'k', { owner: 'd', now: 2, ...LEASE })).toMatchObject({ number: '4' });
    expect(await store.dialer.claimNext('t1', 'k', { owner: 'b', now: 2, ...LEASE })).toMatchObject({ number: '2' });
    expect(await store.dialer.recordOutcome('t1', 'k', '2', { owner: 'b', outcome: 'answered', at: 3 })).toBe(true);
    expect(await store.dialer.progress('t1', 'k')).toEqual({ total: 4, dialled: 2, remaining: 1, outcomes: { answered: 2, skipped: 1 } });
    const all = await store.dialer.listNumbers('t1', 'k');
    expect(all.map((n) => [n.number, n.state, n.attempts, n.lastOutcome ?? null])).toEqual([
      ['1', 'done', 1, 'answered'],
      ['2', 'done', 2, 'answered'],
      ['3', 'done', 0, 'skipped'],
      ['4', 'claimed', 0, null],
    ]);
    expect(all[1]?.history.map((attempt) => attempt.outcome)).toEqual(['noAnswer', 'answered']);
    await store.close();
  });

  it('gives a claim back undialled and lists claims whose lease ran out', async () => {
    const store = open();
    await store.dialer.createTask(task('k'));
    await store.dialer.addNumbers('t1', 'k', numbers('1', '2'), 0);
    await store.dialer.claimNext('t1', 'k', { owner: 'a', now: 0, leaseMs: 100 });
    await store.dialer.claimNext('t1', 'k', { owner: 'b', now: 50, leaseMs: 100 });
    expect(await store.dialer.releaseClaim('t1', 'k', '1', 'b')).toBe(false);
    expect((await store.dialer.listExpiredClaims('t1', 'k', 120)).map((n) => n.number)).toEqual(['1']);
    expect((await store.dialer.listExpiredClaims('t1', 'k', 150)).map((n) => n.number)).toEqual(['1', '2']);
    expect(await store.dialer.releaseClaim('t1', 'k', '1', 'a')).toBe(true);
    expect(await store.dialer.listExpiredClaims('t1', 'k', 150)).toHaveLength(1);
    expect(await store.dialer.claimNext('t1', 'k', { owner: 'c', now: 0, ...LEASE })).toMatchObject({ number: '1', attempts: 0 });
    expect(await store.dialer.progress('t1', 'k')).toMatchObject({ dialled: 0, remaining: 2 });
    await store.close();
  });

  it('claims a named due number whenever its next attempt was meant to be, for one owner at a time', async () => {
    const store = open();
    await store.dialer.createTask(task('k', { mode: 'preview' }));
    await store.dialer.addNumbers('t1', 'k', numbers('1', '2'), 1_000);
    expect(await store.dialer.claimNumber('t1', 'k', '2', { owner: 'agent-a', now: 0, ...LEASE })).toMatchObject({
      number: '2',
      state: 'claimed',
      claim: { owner: 'agent-a' },
    });
    expect(await store.dialer.claimNumber('t1', 'k', '2', { owner: 'agent-b', now: 0, ...LEASE })).toBeUndefined();
    expect(await store.dialer.claimNumber('t1', 'k', '2', { owner: 'agent-a', now: 5, ...LEASE })).toMatchObject({
      claim: { owner: 'agent-a', expiresAt: 60_005 },
    });
    expect(await store.dialer.claimNumber('t1', 'k', '9', { owner: 'agent-b', now: 0, ...LEASE })).toBeUndefined();
    expect((await store.dialer.listDue('t1', 'k', 1_000, 10)).map((n) => n.number)).toEqual(['1']);
    expect(await store.dialer.recordOutcome('t1', 'k', '2', { owner: 'agent-a', outcome: 'skipped', at: 1 })).toBe(true);
    expect(await store.dialer.claimNumber('t1', 'k', '2', { owner: 'agent-a', now: 2, ...LEASE })).toBeUndefined();
    await store.close();
  });

  it('keeps tasks of different tenants and tasks apart', async () => {
    const store = open();
    await store.dialer.createTask(task('k'));
    await store.dialer.createTask({ ...task('k'), tenantId: 't2' });
    await store.dialer.addNumbers('t1', 'k', numbers('1'), 0);
    expect(await store.dialer.addNumbers('t2', 'k', numbers('1'), 0)).toEqual([true]);
    await store.dialer.claimNext('t1', 'k', { owner: 'a', now: 0, ...LEASE });
    expect(await store.dialer.claimNext('t2', 'k', { owner: 'a', now: 0, ...LEASE })).toMatchObject({ tenantId: 't2', number: '1' });
    expect(await store.dialer.progress('t1', 'other')).toEqual({ total: 0, dialled: 0, remaining: 0, outcomes: {} });
    await store.close();
  });
});

describe.each(Object.entries(adapters.fresh))('DialerStore adapter %s: agents', (_name, open) => {
  it("keeps each agent's tasks and work mode, per tenant", async () => {
    const store = open();
    const record = {
      tenantId: 't1',
      agentNo: 'a1',
      sessionId: 's1',
      workMode: 2 as const,
      tasks: { k: [{ name: 'batch', value: '7', type: 2 as const }] },
    };
    expect(await store.dialer.getAgent('t1', 'a1')).toBeUndefined();
    await store.dialer.putAgent(record);
    await store.dialer.putAgent({ ...record, tenantId: 't2', tasks: {} });
    expect(await store.dialer.getAgent('t1', 'a1')).toEqual(record);
    await store.dialer.putAgent({ ...record, sessionId: 's2', tasks: {} });
    expect(await store.dialer.getAgent('t1', 'a1')).toEqual({ ...record, sessionId: 's2', tasks: {} });
    expect(await store.dialer.getAgent('t2', 'a1')).toMatchObject({ tenantId: 't2' });
    await store.close();
  });
});

describe.each(Object.entries(adapters.reopenable))('DialerStore adapter %s, opened again', (_name, place) => {
  it('keeps tasks, claims and outcomes', async () => {
    const data = place();
    const first = data.open();
    await first.dialer.createTask(task('k'));
    await first.dialer.addNumbers('t1', 'k', numbers('1', '2', '3'), 0);
    await first.dialer.claimNext('t1', 'k', { owner: 'boot-1', now: 0, leaseMs: 100 });
    await first.dialer.claimNext('t1', 'k', { owner: 'boot-1', now: 0, leaseMs: 100 });
    await first.dialer.recordOutcome('t1', 'k', '1', { owner: 'boot-1', outcome: 'answered', at: 5 });
    await first.close();

    const second = data.open();
    expect((await second.dialer.getTask('t1', 'k'))?.name).toBe('Task k');
    expect((await second.dialer.listExpiredClaims('t1', 'k', 200)).map((n) => n.number)).toEqual(['2']);
    expect(await second.dialer.claimNext('t1', 'k', { owner: 'boot-2', now: 200, ...LEASE })).toMatchObject({ number: '3' });
    expect(await second.dialer.progress('t1', 'k')).toEqual({ total: 3, dialled: 1, remaining: 2, outcomes: { answered: 1 } });
    await second.close();
  });
});
