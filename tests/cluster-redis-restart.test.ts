/**
 * Redis restarts under a running cluster: the nodes reconnect by themselves, subscribe again, and judge no node lost
 * for the outage. A call whose legs are on node B and whose agent is on node A goes on and is still controlled across
 * nodes; a new call is routed to an agent on the other node. Uses a redis-server of its own, never the shared one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { redisServerPresent, REDIS_SERVER, startPrivateRedis, type PrivateRedis } from './helpers/private-redis.js';
import { simulatorApi } from './helpers/simulator.js';

let redis: PrivateRedis | undefined;
const nodes: GatewayProcess[] = [];
const PATIENT = { reconnect: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 300 } };

beforeAll(async () => {
  if (!redisServerPresent) return;
  redis = await startPrivateRedis();
  // A lapse a busy machine does not reach by itself, and an outage longer than it.
  const env = { REDIS_URL: redis.url, AGENT_GATEWAY_LEASE_RENEW_MS: '500', AGENT_GATEWAY_LEASE_LAPSE_MS: '2500' };
  nodes.push(...(await Promise.all(['a', 'b'].map((id) => spawnGateway({ env: { ...env, AGENT_GATEWAY_NODE_ID: `node-${id}` } })))));
});
afterEach(closeClients);
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.kill()));
  await redis?.remove();
});

describe.skipIf(!redisServerPresent)(`a Redis restart under two nodes${redisServerPresent ? '' : ` (skipped: no ${REDIS_SERVER})`}`, { timeout: 40_000 }, () => {
  it('leaves calls and sessions alone and the nodes working together again', async () => {
    const [nodeA, nodeB] = nodes as [GatewayProcess, GatewayProcess];
    const from = '13800139501';
    const agent = await signIn(nodeA, '1005', {}, PATIENT);
    const idle = await signIn(nodeB, '1002', {}, PATIENT);
    const callId = await simulatorApi(nodeB).inbound('0', from);
    await agent.log.waitFor('agentStatus', (s) => s.state === 'talking');
    const customer = async () => (await simulatorApi(nodeB).call(callId)).legs.find((leg: any) => leg.number === from);

    await redis!.stop();
    await new Promise((resolve) => setTimeout(resolve, 3_500)); // longer than a lease lapse
    await redis!.start();

    // Both nodes' buses are subscribed again: the hold from node A reaches the legs on node B.
    await expect.poll(async () => (await agent.sdk.hold()).code, { timeout: 15_000, interval: 500 }).toBe(0);
    await expect.poll(async () => (await customer()).held, { timeout: 5_000 }).toBe(true);
    expect(await agent.sdk.unhold()).toMatchObject({ code: 0 });
    await expect.poll(async () => (await customer()).held).toBe(false);

    // No node was judged lost for the outage: the call is still up on node B.
    expect(agent.log.of('sessionTerminate')).toEqual([]);
    expect((await customer()).state).toBe('answered');
    expect(nodeA.output() + nodeA.errors()).not.toContain('node lost');

    // Routing works across nodes again: a call entering node A rings the idle agent on node B.
    const next = await simulatorApi(nodeA).inbound('0', '13800139502');
    expect(await idle.log.waitFor('ringing', (e) => e.callId === next, 0, 10_000)).toMatchObject({ customerNumber: '13800139502' });
    await simulatorApi(nodeB).hangup(callId);
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId);
  });
});
