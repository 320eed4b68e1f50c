/** A gateway restarted mid-campaign continues the task where it was: no number is dialled again. */
import { afterAll, afterEach, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { taskApi } from './helpers/dialer-tasks.js';
import { simulatorApi } from './helpers/simulator.js';
import { demoTenantWithoutWrapup } from './helpers/tenants.js';
import { startTestGateway, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const dataDir = temporaryDataDir();
let gateway: TestGateway | undefined;
afterEach(closeClients);
afterAll(async () => {
  await gateway?.close();
  dataDir.remove();
});

async function start(): Promise<TestGateway> {
  gateway = await startTestGateway({
    dataDir: dataDir.path,
    tenants: [await demoTenantWithoutWrapup()],
  });
  return gateway;
}

it('continues a task after a restart without dialling a number again', async () => {
  const first = await start();
  const sim = simulatorApi(first);
  await sim.setBehaviour('13900003001', { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 200 });
  await sim.setBehaviour('13900003002', { behavior: 'answer', answerAfterMs: 50 });
  await taskApi(first).create({ taskId: 'restart', name: 'Restart', mode: 'progressive' }, ['13900003001', '13900003002', '13900003003']);
  const agent = await signIn(first, '1001');
  expect(await agent.sdk.startAutoObCallTask({ taskId: 'restart' })).toMatchObject({ code: 0 });
  await agent.log.waitFor('callBridged', (e) => e.customerNumber === '13900003001');
  // The second customer stays on the line: the gateway stops during that call.
  await agent.log.waitFor('callBridged', (e) => e.customerNumber === '13900003002');
  closeClients();
  await first.close();

  const second = await start();
  await simulatorApi(second).setBehaviour('13900003003', { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 200 });
  const again = await signIn(second, '1001');
  expect(await again.sdk.startAutoObCallTask({ taskId: 'restart' })).toMatchObject({ code: 0 });
  const next = await again.log.waitFor('sessionInit');
  expect(next.customerNumber).toBe('13900003003');
  const tasks = taskApi(second);
  await expect
    .poll(async () => (await tasks.get('restart')).progress)
    .toEqual({ total: 3, dialled: 3, remaining: 0, outcomes: { answered: 3 } });
  expect((await tasks.results('restart')).map((row) => row.attempts)).toEqual(['1', '1', '1']);
  // The tenant file's tasks were seeded once: the restart did not add their numbers again.
  expect((await tasks.get('11')).progress.total).toBe(3);
});
