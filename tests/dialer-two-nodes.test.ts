/**
 * Two gateway processes on one Redis work the same task: each number is dialled once, whichever node claims it; a
 * predictive task is paced by each node for the agents it holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { DEMO_TENANT_FILE } from '@agentsdk/gateway';
import { closeClients, signIn } from './helpers/agent-client.js';
import { taskApi } from './helpers/dialer-tasks.js';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { simulatorApi } from './helpers/simulator.js';
import { temporaryDataDir } from './helpers/test-gateway.js';

const redis = await connectTestRedis();
const prefix = randomKeyPrefix();
const dir = temporaryDataDir();
const nodes: GatewayProcess[] = [];
afterEach(closeClients);
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  if (redis) {
    await removeKeys(redis, prefix);
    await redis.quit();
  }
  dir.remove();
});

/** The demo tenant without wrap-up, so agents are free again as soon as a call ends. */
function tenantFileWithoutWrapup(): string {
  const demo = JSON.parse(readFileSync(DEMO_TENANT_FILE, 'utf8'));
  demo.queues = demo.queues.map((queue: object) => ({ ...queue, wrapupSeconds: 0 }));
  const file = join(dir.path, 'tenant.json');
  writeFileSync(file, JSON.stringify(demo));
  return file;
}

const NUMBERS = Array.from({ length: 12 }, (_, i) => `139000040${String(i).padStart(2, '0')}`);

/** The two nodes, started by the first test that needs them. */
async function twoNodes(): Promise<[GatewayProcess, GatewayProcess]> {
  if (nodes.length === 0) {
    const tenants = tenantFileWithoutWrapup();
    for (let i = 0; i < 2; i++) {
      nodes.push(
        await spawnGateway({ env: { REDIS_URL: TEST_REDIS_URL, AGENT_GATEWAY_REDIS_PREFIX: prefix, AGENT_GATEWAY_TENANTS: tenants } }),
      );
    }
  }
  return nodes as [GatewayProcess, GatewayProcess];
}

it.skipIf(!redis)(
  `dials each number of a task once across two nodes${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`,
  async () => {
    const [nodeA, nodeB] = await twoNodes();
    for (const node of nodes)
      for (const number of NUMBERS)
        await simulatorApi(node).setBehaviour(number, { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 100 });
    const tasks = taskApi(nodeA);
    await tasks.create({ taskId: 'shared', name: 'Shared', mode: 'progressive' }, NUMBERS);

    const onA = await signIn(nodeA, '1001');
    const onB = await signIn(nodeB, '1002');
    expect(await onA.sdk.startAutoObCallTask({ taskId: 'shared' })).toMatchObject({ code: 0 });
    expect(await onB.sdk.startAutoObCallTask({ taskId: 'shared' })).toMatchObject({ code: 0 });

    await expect
      .poll(async () => (await taskApi(nodeB).get('shared')).progress, { timeout: 30_000, interval: 200 })
      .toEqual({
        total: 12,
        dialled: 12,
        remaining: 0,
        outcomes: { answered: 12 },
      });
    const dialled = [...onA.log.of('sessionInit'), ...onB.log.of('sessionInit')].map((init) => init.customerNumber as string);
    expect(dialled.sort()).toEqual(NUMBERS);
    expect(onA.log.of('sessionInit').length).toBeGreaterThan(0);
    expect(onB.log.of('sessionInit').length).toBeGreaterThan(0);
    expect((await tasks.results('shared')).every((row) => row.attempts === '1')).toBe(true);
  },
);

const PREDICTIVE_NUMBERS = Array.from({ length: 12 }, (_, i) => `139000041${String(i).padStart(2, '0')}`);

it.skipIf(!redis)('paces a predictive task on each node for its own agents, each number dialled once', async () => {
  const [nodeA, nodeB] = await twoNodes();
  for (const node of nodes)
    for (const number of PREDICTIVE_NUMBERS)
      await simulatorApi(node).setBehaviour(number, { behavior: 'answer', answerAfterMs: 100, hangupAfterMs: 600 });
  const tasks = taskApi(nodeA);
  await tasks.create({ taskId: 'shared-predictive', name: 'Shared predictive', mode: 'predictive' }, PREDICTIVE_NUMBERS);

  const onA = await signIn(nodeA, '1003');
  const onB = await signIn(nodeB, '1004');
  expect(await onA.sdk.startAutoObCallTask({ taskId: 'shared-predictive' })).toMatchObject({ code: 0 });
  expect(await onB.sdk.startAutoObCallTask({ taskId: 'shared-predictive' })).toMatchObject({ code: 0 });

  // Each node's calls (their legs are on the node that dialled them) reach only the agent signed in to that node.
  const agentsReached = new Map<GatewayProcess, Set<string>>([
    [nodeA, new Set()],
    [nodeB, new Set()],
  ]);
  const finished = async () => (await taskApi(nodeB).get('shared-predictive')).progress.remaining === 0;
  for (let round = 0; round < 500 && !(await finished()); round++) {
    for (const [node, reached] of agentsReached)
      for (const call of await simulatorApi(node).calls()) for (const leg of call.legs) if (leg.party === 'agent') reached.add(leg.number);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect((await tasks.get('shared-predictive')).progress).toEqual({ total: 12, dialled: 12, remaining: 0, outcomes: { answered: 12 } });
  expect([...agentsReached.get(nodeA)!]).toEqual(['13600001003']);
  expect([...agentsReached.get(nodeB)!]).toEqual(['13600001004']);
  const connected = [...onA.log.of('sessionInit'), ...onB.log.of('sessionInit')].map((init) => init.customerNumber as string);
  expect(connected.sort()).toEqual(PREDICTIVE_NUMBERS);
  expect((await tasks.results('shared-predictive')).every((row) => row.attempts === '1')).toBe(true);
});
