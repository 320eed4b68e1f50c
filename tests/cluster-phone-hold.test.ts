/**
 * A hold longer than the media timeout on a call whose agent's desk phone is registered with another node: the call's
 * owner sends nothing to a leg that hears nobody, so the node bridging the phone must not take that silence for a
 * dead caller. Two in-process nodes on one Redis, with a media timeout of one second.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { TEST_REDIS_URL } from './helpers/redis.js';
import { redisNodes } from './helpers/redis-nodes.js';
import { simulatorApi } from './helpers/simulator.js';
import { registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
import { RELAXED_RATE_LIMITS, type TestGateway } from './helpers/test-gateway.js';

const MEDIA_TIMEOUT_MS = 1_000;
const cluster = await redisNodes();
const { redis } = cluster;
let nodeA: TestGateway;
let nodeB: TestGateway;

async function startNode(): Promise<TestGateway> {
  return cluster.start({
    rateLimits: RELAXED_RATE_LIMITS,
    tenants: [await sipTenant({ carrierPort: 9 })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
    mediaTimeoutMs: MEDIA_TIMEOUT_MS,
    clusterSecret: 'hold-test-secret',
  });
}

beforeAll(async () => {
  if (!redis) return;
  nodeA = await startNode();
  nodeB = await startNode();
});
afterEach(async () => {
  closeClients();
  await releasePhones();
});
afterAll(async () => {
  await cluster.close();
});

describe.skipIf(!redis)(`a long hold across nodes${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`, () => {
  it('keeps the bridged desk phone through a hold longer than the media timeout', async () => {
    const phone = await registeredDeskPhone(nodeB.sip!.address.port, '8001', 1000);
    const agent = await signIn(nodeA, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const callId = await simulatorApi(nodeA).inbound('0', '13800138970');
    await phone.waitForEvent('CALL_ESTABLISHED');
    await agent.log.waitFor('agentStatus', (s) => s.state === 'talking');

    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
    await sleep(3 * MEDIA_TIMEOUT_MS);
    const agentLeg = (await simulatorApi(nodeA).call(callId)).legs.find((leg: any) => leg.number === '8001');
    expect(agentLeg).toMatchObject({ state: 'answered' });
    expect(phone.events.map((event) => event.type)).not.toContain('CALL_CLOSED');
    expect(await agent.sdk.unhold()).toMatchObject({ code: 0 });

    expect(await agent.sdk.unlink()).toMatchObject({ code: 0 });
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId);
    await phone.waitForEvent('CALL_CLOSED');
  });
});
