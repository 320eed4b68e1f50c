/**
 * The writer that copies ended calls' records to PostgreSQL: a record PostgreSQL refuses for good does not hold up the
 * others, and records left out of a full queue during an outage arrive once PostgreSQL is back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '@agentsdk/gateway';
import { ManualClock } from '../packages/gateway/src/adapters/clock/manual-clock.js';
import { openPostgresCallRecords } from '../packages/gateway/src/adapters/postgres/postgres-call-records.js';
import { createLogger } from '../packages/gateway/src/adapters/logging/pino-logger.js';
import { CallRecordOutbox } from '../packages/gateway/src/application/call-record-outbox.js';
import { callsFeedingRecords } from '../packages/gateway/src/application/calls-feeding-records.js';
import type { CallRecord } from '../packages/gateway/src/domain/call.js';
import type { CallRecords } from '../packages/gateway/src/ports/call-records.js';
import type { Store } from '../packages/gateway/src/ports/store.js';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from './helpers/postgres.js';
import { openTcpRelay, type TcpRelay } from './helpers/tcp-relay.js';
import { storedCall } from './helpers/stored-calls.js';

let database: TestDatabase;
let relay: TcpRelay;
let records: CallRecords;
beforeAll(async () => {
  database = await createTestDatabase();
  relay = await openTcpRelay(Number(new URL(TEST_POSTGRES_URL).port || 5432));
  const url = new URL(database.url);
  url.port = String(relay.port);
  records = await openPostgresCallRecords({ databaseUrl: url.toString() });
});
afterAll(async () => {
  await records?.close();
  await relay?.close();
  await database?.drop();
});

const open: { store: Store; outbox: CallRecordOutbox }[] = [];
afterEach(async () => {
  for (const { store, outbox } of open.splice(0)) {
    await outbox.stop();
    await store.close();
  }
  await relay.restore();
});

/** A live store whose ended calls feed an outbox to PostgreSQL, with counted results. */
function outboxOverStore(maxPending?: number) {
  const clock = new ManualClock();
  const store = openSqliteStore(':memory:');
  const outbox = new CallRecordOutbox({
    records,
    live: { calls: store.calls, tenantIds: () => ['t1'] },
    clock,
    logger: createLogger('silent'),
    maxPending,
  });
  open.push({ store, outbox });
  const calls = callsFeedingRecords(store.calls, (record, revision) => outbox.enqueue(record, revision));
  return { clock, outbox, calls };
}

const ended = (callId: string, endedAt: number): CallRecord =>
  storedCall(callId, { phase: 'ended', createdAt: endedAt - 1000, endedAt, outcome: 'abandoned' });
/** A look that first moves the clock past any retry pause, as time would pass while one waits. */
const afterRetries =
  <T>(clock: ManualClock, look: () => Promise<T>) =>
  () => {
    clock.advance(10_000);
    return look();
  };
const kept = async (prefix: string) =>
  (
    await database.query<{ call_id: string }>('SELECT call_id FROM call_records WHERE call_id LIKE $1 ORDER BY call_id', [`${prefix}%`])
  ).map((row) => row.call_id);

describe('call record outbox', () => {
  it('drops a record PostgreSQL refuses for good, counted, and writes the others', async () => {
    const { clock, outbox, calls } = outboxOverStore();
    // A revision beyond PostgreSQL's integer column: sending it again would fail again.
    outbox.enqueue(ended('refused-1', clock.now()), 2 ** 31);
    await calls.compareAndSet(ended('refused-2', clock.now()), 0);
    await expect.poll(() => kept('refused-')).toEqual(['refused-2']);
    expect(outbox.totals).toEqual({ kept: 1, failedWrites: 0, rejected: 1 });
    expect(outbox.size).toBe(0);
  });

  it('writes the records left out of a full queue once PostgreSQL is back', async () => {
    const { clock, outbox, calls } = outboxOverStore(2);
    await relay.cut();
    for (let n = 1; n <= 5; n++) await calls.compareAndSet(ended(`overflow-${n}`, clock.now() - n), 0);
    await expect.poll(() => outbox.totals.failedWrites).toBeGreaterThan(0);
    expect(outbox.size).toBe(2);

    await relay.restore();
    await expect
      .poll(
        afterRetries(clock, () => kept('overflow-')),
        { timeout: 10_000 },
      )
      .toEqual(['overflow-1', 'overflow-2', 'overflow-3', 'overflow-4', 'overflow-5']);
    await expect.poll(() => outbox.size).toBe(0);
    expect(outbox.totals.rejected).toBe(0);
  });

  it('a later revision queued while an earlier one waits replaces it', async () => {
    const { clock, outbox, calls } = outboxOverStore();
    await relay.cut();
    const record = ended('revised-1', clock.now());
    await calls.compareAndSet(record, 0);
    await calls.compareAndSet({ ...record, dispositions: [{ agentNo: 'a1', code: 'SALE', at: clock.now() }] }, 1);
    expect(outbox.size).toBe(1);
    await relay.restore();
    const code = async () => (await records.get('t1', 'revised-1'))?.dispositions?.[0]?.code;
    await expect.poll(afterRetries(clock, code), { timeout: 10_000 }).toBe('SALE');
  });
});
