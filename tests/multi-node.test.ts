/**
 * Two gateway nodes sharing one Redis store and bus: an agent's desktop on node A sees what node B does to it —
 * a sign-in elsewhere, a supervisor's command, a call routed by B's ACD.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { TEST_REDIS_URL } from './helpers/redis.js';
import { redisNodes } from './helpers/redis-nodes.js';
import { openRawSocket } from './helpers/raw-socket.js';
import { simulatorApi } from './helpers/simulator.js';
import { RELAXED_RATE_LIMITS, type TestGateway } from './helpers/test-gateway.js';

const cluster = await redisNodes();
const { redis } = cluster;
let nodeA: TestGateway;
let nodeB: TestGateway;

async function startNode(): Promise<TestGateway> {
  return cluster.start({
    rateLimits: RELAXED_RATE_LIMITS,
    // Short, so a test can see that the node a client left does not end the session it resumed elsewhere.
    resumeGraceMs: 500,
  });
}

beforeAll(async () => {
  if (!redis) return;
  nodeA = await startNode();
  nodeB = await startNode();
});
afterEach(closeClients);
afterAll(async () => {
  await cluster.close();
});

const sessionIdOf = (client: { log: { of(name: 'loginResp'): any[] } }) => client.log.of('loginResp')[0].sessionId as string;

describe.skipIf(!redis)(`two gateway nodes on one Redis${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`, () => {
  it('kicks the desktop on node A out when the same agent signs in on node B', async () => {
    const onA = await signIn(nodeA, '1001');
    const onB = await signIn(nodeB, '1001');
    expect(await onA.log.waitFor('kickOut')).toEqual({ eventType: 'kickOut', reason: 'loggedInElsewhere', sessionId: sessionIdOf(onA) });
    await onA.log.waitFor('connectionState', (s) => s.state === 'closed');
    expect(await onB.sdk.pause({ pauseType: 1 })).toMatchObject({ code: 0 });
    expect(onB.log.of('kickOut')).toEqual([]);
  });

  it('lets a client resume on node B, and node A, which it left, does not end the session', async () => {
    const sessionKey = await nodeA.issueKey('1003');
    const onA = await openRawSocket(nodeA.url);
    const login = await onA.request('login', {
      sessionKey,
      tenantId: 'demo',
      agentNo: '1003',
      bindEndpoint: { endpointType: 1, endpoint: '13600001003' },
      initialStatus: 1,
    });
    expect(login.code).toBe(0);
    onA.close();
    await onA.closed;
    const onB = await openRawSocket(nodeB.url);
    expect(await onB.request('resume', { sessionId: login.sessionId, sessionKey, lastSeq: 1 })).toMatchObject({
      code: 0,
      agentStatus: { state: 'idle' },
    });
    await new Promise((resolve) => setTimeout(resolve, 800)); // node A's grace period has passed
    expect((await nodeB.services.agents.current('demo', '1003')).sessionId).toBe(login.sessionId);
    expect(await onB.request('pause', { pauseType: 1 })).toMatchObject({ code: 0 });
    onB.close();
  });

  it('shows an agent on node A the pause a supervisor on node B forces', async () => {
    const agent = await signIn(nodeA, '1002');
    const supervisor = await signIn(nodeB, '1008', { initialStatus: 2, pauseDescription: 'MEETING' });
    expect(await supervisor.sdk.setPause({ agentNo: '1002' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'setPause')).toMatchObject({
      state: 'busy',
      loginStatus: 2,
      pauseType: 4,
    });
    expect(await supervisor.sdk.setUnpause({ agentNo: '1002' })).toMatchObject({ code: 0 });
    await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'setUnpause' && s.state === 'idle');
  });

  it('routes a call entering through node B to an idle agent signed in on node A', async () => {
    // Queue 2: no agent of an earlier case answers it (their sessions stay signed in, in their resume grace).
    const agent = await signIn(nodeA, '1007');
    const mark = agent.log.entries.length;
    const callId = await simulatorApi(nodeB).inbound('2', '13800138000');
    expect(await agent.log.waitFor('ringing', () => true, mark)).toMatchObject({ callId, customerNumber: '13800138000', queueNo: '2' });
    expect(await agent.log.waitFor('sessionInit', () => true, mark)).toMatchObject({ callId, callType: 1 });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'talking', mark);
    const legs = (await simulatorApi(nodeB).call(callId)).legs;
    expect(legs.find((leg: any) => leg.party === 'agent').number).toBe('13600001007');
    await simulatorApi(nodeB).hangup(callId);
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId, mark);
  });
});
