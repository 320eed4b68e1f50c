/** Every CallRecords adapter must pass these cases; each adapter is one entry of ADAPTERS. */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore } from '@agentsdk/gateway';
import { liveStoreCallRecords } from '../packages/gateway/src/adapters/live-store/live-store-call-records.js';
import { openPostgresCallRecords } from '../packages/gateway/src/adapters/postgres/postgres-call-records.js';
import type { CallRecord } from '../packages/gateway/src/domain/call.js';
import { CallRecordRejectedError, type CallRecords } from '../packages/gateway/src/ports/call-records.js';
import type { Store } from '../packages/gateway/src/ports/store.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { temporaryDataDir } from './helpers/test-gateway.js';
import { ENDED_CALLS, endedCall, expectEndedCallPages, OTHER_TENANT_CALL } from './helpers/ended-call-pages.js';
import { storedCall } from './helpers/stored-calls.js';

/** A database per case, dropped after it (and here, should a case fail before). */
const databases: TestDatabase[] = [];
const directory = temporaryDataDir();
afterAll(async () => {
  for (const database of databases) await database.drop();
  directory.remove();
});

/** A place the records live in: `open` opens the adapter on it, again after a close. */
interface Place {
  open(): Promise<CallRecords>;
  remove(): Promise<void>;
}

let places = 0;
const ADAPTERS: Record<string, () => Promise<Place>> = {
  'live store (sqlite file)': async () => {
    const path = join(directory.path, `store-${++places}.sqlite`);
    const stores: Store[] = [];
    return {
      open: async () => {
        const store = openSqliteStore(path);
        stores.push(store);
        const records = liveStoreCallRecords(store.calls);
        return { ...records, close: () => store.close() };
      },
      remove: async () => undefined,
    };
  },
  postgresql: async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return {
      open: () => openPostgresCallRecords({ databaseUrl: database.url }),
      remove: () => database.drop(),
    };
  },
};

const call = (callId: string, fields: Partial<CallRecord> = {}): CallRecord =>
  storedCall(callId, { phase: 'ended', outcome: 'completed', ...fields });
const ended = endedCall;
const ids = (calls: CallRecord[]) => calls.map((c) => c.callId);

describe.each(Object.entries(ADAPTERS))('CallRecords adapter %s', (_name, place) => {
  const withRecords = async (work: (records: CallRecords) => Promise<void>) => {
    const where = await place();
    const records = await where.open();
    try {
      await work(records);
    } finally {
      await records.close();
      await where.remove();
    }
  };

  it('keeps an ended call once, however often it is appended, and gets it by tenant and call id', () =>
    withRecords(async (records) => {
      const record = { ...ended('c1', 10, 'a1'), variables: [{ name: 'order', value: '42', type: 2 as const }] };
      await records.append([{ record, revision: 1 }]);
      await records.append([{ record, revision: 1 }]);
      expect(await records.get('t1', 'c1')).toEqual(record);
      expect(await records.get('t2', 'c1')).toBeUndefined();
      expect(await records.get('t1', 'c2')).toBeUndefined();
      expect(ids(await records.list({ tenantId: 't1', limit: 10 }))).toEqual(['c1']);
      expect(await records.list({ tenantId: 't2', limit: 10 })).toEqual([]);
    }));

  it('replaces a record with a later revision and ignores an earlier one delivered late', () =>
    withRecords(async (records) => {
      await records.append([{ record: ended('c1', 10, 'a1'), revision: 1 }]);
      const disposed = { ...ended('c1', 10, 'a1'), dispositions: [{ agentNo: 'a1', code: 'sale', at: 12 }] };
      await records.append([{ record: disposed, revision: 2 }]);
      await records.append([{ record: ended('c1', 10, 'a1'), revision: 1 }]);
      expect(await records.get('t1', 'c1')).toEqual(disposed);
      expect(await records.list({ tenantId: 't1', limit: 10 })).toEqual([disposed]);
    }));

  it('keeps many records in one append, a call sent twice in it at its latest revision', () =>
    withRecords(async (records) => {
      const many = Array.from({ length: 150 }, (_, n) => ({ record: ended(`m${String(n).padStart(3, '0')}`, 1_000 + n), revision: 1 }));
      const disposed = { ...ended('m000', 1_000), dispositions: [{ agentNo: 'a1', code: 'sale', at: 1_001 }] };
      await records.append([...many, { record: disposed, revision: 2 }]);
      const listed = await records.list({ tenantId: 't1', limit: 500 });
      expect(listed).toHaveLength(150);
      expect(listed.at(-1)).toEqual(disposed);
    }));

  it('refuses a call that has not ended, for good, and keeps the others sent with it', () =>
    withRecords(async (records) => {
      const refusal = records.append([
        { record: call('c1', { phase: 'connected' }), revision: 1 },
        { record: ended('c2', 10), revision: 1 },
      ]);
      await expect(refusal).rejects.toBeInstanceOf(CallRecordRejectedError);
      await expect(refusal).rejects.toMatchObject({ callIds: ['c1'] });
      expect(await records.get('t1', 'c1')).toBeUndefined();
      expect(await records.get('t1', 'c2')).toEqual(ended('c2', 10));
    }));

  it('keeps a record whose variable holds a NUL character (left out where the store cannot hold it)', () =>
    withRecords(async (records) => {
      await records.append([{ record: { ...ended('c1', 10), variables: [{ name: 'note', value: 'a\u0000b', type: 2 }] }, revision: 1 }]);
      expect((await records.get('t1', 'c1'))?.variables[0]?.value.replaceAll('\u0000', '')).toBe('ab');
    }));

  it('lists records newest first, by time range and agent, in pages', () =>
    withRecords(async (records) => {
      for (const record of [...ENDED_CALLS, OTHER_TENANT_CALL]) await records.append([{ record, revision: 1 }]);
      await expectEndedCallPages((query) => records.list(query));
    }));

  it('lists a call for every agent who handled it: its agent, its callee, an agent whose leg was answered', () =>
    withRecords(async (records) => {
      const leg = (legId: string, agentNo: string, answeredAt?: number) => ({
        legId,
        party: 'agent' as const,
        number: `1360000${agentNo}`,
        agentNo,
        startedAt: 1,
        ...(answeredAt && { answeredAt }),
      });
      // a1 answered and transferred to a2; a3 rang but never answered; a4 was called by a2 (an internal call).
      await records.append([
        { record: { ...ended('c1', 10, 'a2'), legs: [leg('l1', 'a1', 2), leg('l2', 'a3'), leg('l3', 'a2', 5)] }, revision: 1 },
      ]);
      await records.append([{ record: { ...ended('c2', 20, 'a2'), calleeAgentNo: 'a4' }, revision: 1 }]);
      const list = (agentNo: string) => records.list({ tenantId: 't1', limit: 10, agentNo }).then(ids);
      expect(await list('a1')).toEqual(['c1']);
      expect(await list('a2')).toEqual(['c2', 'c1']);
      expect(await list('a3')).toEqual([]);
      expect(await list('a4')).toEqual(['c2']);
    }));

  it('keeps records when opened again', async () => {
    const where = await place();
    const first = await where.open();
    await first.append([{ record: ended('c1', 10, 'a1'), revision: 1 }]);
    await first.close();
    const second = await where.open();
    try {
      expect(ids(await second.list({ tenantId: 't1', limit: 10 }))).toEqual(['c1']);
      await second.append([{ record: ended('c1', 10, 'a1'), revision: 1 }]);
      expect(ids(await second.list({ tenantId: 't1', limit: 10 }))).toEqual(['c1']);
    } finally {
      await second.close();
      await where.remove();
    }
  });
});
