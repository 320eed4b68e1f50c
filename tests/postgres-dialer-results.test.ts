/**
 * Dialer results with DATABASE_URL: every call a task placed lands in PostgreSQL's `dialer_results` beside its call
 * record, with the task, the number, which attempt it was and the outcome it gave the number; a number dialled again
 * (busy, then answered) has a row per attempt.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { taskApi } from './helpers/dialer-tasks.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { simulatorApi } from './helpers/simulator.js';
import { demoTenantWithoutWrapup } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let database: TestDatabase;
let gateway: TestGateway;
beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestGateway({
    databaseUrl: database.url,
    tenants: [await demoTenantWithoutWrapup()],
  });
});
afterEach(closeClients);
afterAll(async () => {
  await gateway?.close();
  await database?.drop();
});

interface ResultRow {
  task_id: string;
  number: string;
  attempt: number;
  outcome: string;
  call_id: string;
  kept: boolean;
}

it('keeps each call of a task with the attempt and its outcome', async () => {
  const sim = simulatorApi(gateway);
  await sim.setBehaviour('13900004001', { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 200 });
  await sim.setBehaviour('13900004002', { behavior: 'busy' });
  await taskApi(gateway).create({ taskId: 'kept', name: 'Kept', mode: 'progressive', retryDelaySeconds: { busy: 1 }, maxAttempts: 2 }, [
    '13900004001',
    '13900004002',
  ]);
  const agent = await signIn(gateway, '1001');
  expect(await agent.sdk.startAutoObCallTask({ taskId: 'kept' })).toMatchObject({ code: 0 });
  await agent.log.waitFor('callBridged', (e) => e.customerNumber === '13900004001');
  await agent.log.waitFor('dialerNumberOutcome', (e) => e.number === '13900004002' && e.outcome === 'busy', 0, 10_000);
  // The second attempt at the busy number is answered.
  await sim.setBehaviour('13900004002', { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 200 });
  await agent.log.waitFor('dialerNumberOutcome', (e) => e.number === '13900004002' && e.outcome === 'answered', 0, 10_000);

  const rows = () =>
    database.query<ResultRow>(
      `SELECT d.task_id, d.number, d.attempt, d.outcome, d.call_id, c.call_id IS NOT NULL AS kept
         FROM dialer_results d LEFT JOIN call_records c USING (call_id)
        WHERE d.tenant_id = 'demo' ORDER BY d.number, d.attempt`,
    );
  await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(3);
  expect((await rows()).map(({ call_id, ...row }) => row)).toEqual([
    { task_id: 'kept', number: '13900004001', attempt: 1, outcome: 'answered', kept: true },
    { task_id: 'kept', number: '13900004002', attempt: 1, outcome: 'busy', kept: true },
    { task_id: 'kept', number: '13900004002', attempt: 2, outcome: 'answered', kept: true },
  ]);
  const [first] = await rows();
  const results = await taskApi(gateway).results('kept');
  expect(results.find((row) => row.number === '13900004001')?.callIds).toBe(first!.call_id);
});
