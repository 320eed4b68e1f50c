/**
 * Gateway processes sharing Redis: one is killed (SIGKILL) with a call in progress and an idle agent. The others see
 * its lease lapse, end its call once and honestly, take its sessions over and route nothing to them; the clients
 * resume on a node at the dead one's address (as behind a load balancer) and are told to resynchronise.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { connectedInboundCall } from './helpers/calls.js';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { metricValue } from './helpers/metrics.js';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { simulatorApi } from './helpers/simulator.js';

const redis = await connectTestRedis();
const prefix = randomKeyPrefix();
const PATIENT = { reconnect: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 300 } };
const running: GatewayProcess[] = [];

async function startNode(port?: number): Promise<GatewayProcess> {
  const node = await spawnGateway({
    port,
    env: {
      REDIS_URL: TEST_REDIS_URL,
      AGENT_GATEWAY_REDIS_PREFIX: prefix,
      AGENT_GATEWAY_LEASE_RENEW_MS: '200',
      AGENT_GATEWAY_LEASE_LAPSE_MS: '1000',
    },
  });
  running.push(node);
  return node;
}

afterEach(closeClients);
afterAll(async () => {
  await Promise.all(running.map((node) => node.kill()));
  if (!redis) return;
  await removeKeys(redis, prefix);
  await redis.quit();
});

const calls = (node: GatewayProcess, phase: string) => metricValue(node, 'agent_gateway_calls', { tenant: 'demo', phase });

describe.skipIf(!redis)(
  `a node of a Redis cluster killed${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`,
  { timeout: 60_000 },
  () => {
    it('has its call ended once, its sessions taken over and unroutable, then resumed elsewhere with a resync', async () => {
      const nodeA = await startNode();
      const nodeB = await startNode();
      await startNode();
      const { agent, callId } = await connectedInboundCall(nodeA, simulatorApi(nodeA), '1005', '0', '13800138100', PATIENT);
      const idle = await signIn(nodeA, '1001', {}, PATIENT);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // talk a while
      const mark = agent.log.entries.length;
      const killedAt = Date.now();
      await nodeA.kill();

      await expect.poll(() => calls(nodeB, 'connected'), { timeout: 10_000 }).toBe(0);
      const records = (await nodeB.api('GET', '/api/v1/tenants/demo/cdrs?limit=50')).body.records.filter((r: any) => r.callId === callId);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ outcome: 'failed', endReason: 'nodeLost', hangupSide: 'system' });
      expect(Date.parse(records[0].endedAt)).toBeLessThanOrEqual(killedAt);
      expect(records[0].talkSeconds).toBeGreaterThanOrEqual(1);

      // The dead node's idle agent has no socket: a new call waits rather than ring a ghost.
      const next = await simulatorApi(nodeB).inbound('0', '13800138101');
      await expect.poll(() => calls(nodeB, 'queued')).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await calls(nodeB, 'offering')).toBe(0);

      await startNode(nodeA.port);
      const resumed = await agent.log.waitFor('connectionState', (s) => s.state === 'open', mark, 15_000);
      expect(resumed).toMatchObject({ resync: true });
      expect(await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId, mark)).toMatchObject({
        reason: 'nodeLost',
        outcome: 'failed',
      });
      expect(agent.log.of('sessionTerminate').filter((e) => e.callId === callId)).toHaveLength(1);
      await expect.poll(() => agent.log.of('agentStatus').at(-1)?.state).toBe('wrapup');

      // Back on a node, the idle agent is routable again and gets the waiting call.
      expect(await idle.log.waitFor('ringing', (e) => e.callId === next, 0, 10_000)).toMatchObject({ customerNumber: '13800138101' });
    });
  },
);
