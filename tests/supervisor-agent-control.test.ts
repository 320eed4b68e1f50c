/**
 * setPause / setUnpause (spec 7.1) and setOnline / setOffline (7.7): a supervisor forces a watched agent busy, idle,
 * signed in without a desktop, or signed out; the agent's desktop sees each change, the supervisor its response.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeClients, endpointOf, signIn, type TestClient } from './helpers/agent-client.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { succeeded } from './helpers/responses.js';
import { expectNothingWithin } from './helpers/waiting.js';

let gateway: TestGateway;
let sim: SimulatorApi;
/** Watches every queue; signed in busy, so the router offers it no calls. */
let supervisor: TestClient;

beforeEach(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
  supervisor = await signIn(gateway, '1008', { initialStatus: 2, pauseDescription: 'MEETING' });
});
afterEach(async () => {
  closeClients();
  await gateway.close();
});

/** Nothing more is to arrive: a bounded wait, as there is no event to wait for. */
const nothingMore = (check: () => void | Promise<void>) => expectNothingWithin(50, check);

/** What the supervisor saw, without the queue status it is pushed anyway. */
const supervisorEvents = (mark: number) =>
  supervisor.log
    .names()
    .slice(mark)
    .filter((name) => name !== 'queueStatus' && name !== 'connectionState');

async function agentStatusOf(agentNo: string): Promise<any> {
  const { queueStatus } = succeeded(await supervisor.sdk.getQueueStatus({ fields: 'agentStatuses' }));
  return Object.values(queueStatus ?? {})
    .flatMap((entry) => entry.agentStatuses ?? [])
    .find((status) => status.agentNo === agentNo);
}

/** Rings the agent with a queue call and waits until the agent talks (callBridged is the answer's last event). */
async function inCall(agent: TestClient, queueNo: string): Promise<string> {
  const callId = await sim.inbound(queueNo, '13800138000');
  await agent.log.waitFor('callBridged');
  return callId;
}

describe('setPause / setUnpause', () => {
  it('forces the agent busy with pauseType 4, then idle; the supervisor gets the responses only', async () => {
    const agent = await signIn(gateway, '1001');
    const mark = supervisor.log.entries.length;
    expect(await supervisor.sdk.setPause({ agentNo: '1001' })).toEqual({ action: 'setPauseResp', code: 0, message: 'ok' });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'setPause')).toMatchObject({
      state: 'busy',
      loginStatus: 2,
      pauseType: 4,
      pauseDescription: 'supervisor',
    });

    expect(await supervisor.sdk.setUnpause({ agentNo: '1001' })).toEqual({ action: 'setUnpauseResp', code: 0, message: 'ok' });
    const idle = await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'setUnpause');
    expect(idle).toMatchObject({ state: 'idle', loginStatus: 1 });
    expect(idle).not.toHaveProperty('pauseType');
    await nothingMore(() => expect(supervisorEvents(mark)).toEqual(['setPauseResp', 'setUnpauseResp']));
  });

  it("overrides the agent's own pause", async () => {
    const agent = await signIn(gateway, '1002', { initialStatus: 2, pauseDescription: 'LUNCH' });
    expect(await supervisor.sdk.setPause({ agentNo: '1002' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'setPause')).toMatchObject({
      pauseType: 4,
      pauseDescription: 'supervisor',
    });
  });

  it('answers "already ready" to setUnpause on an idle agent and changes nothing', async () => {
    const agent = await signIn(gateway, '1003');
    expect(await supervisor.sdk.setUnpause({ agentNo: '1003' })).toEqual({
      action: 'setUnpauseResp',
      code: -1,
      message: 'already ready',
      errorCode: 30013,
    });
    await nothingMore(() => expect(agent.log.of('agentStatus')).toHaveLength(1));
  });

  it('refuses an offline agent', async () => {
    for (const operation of ['setPause', 'setUnpause'] as const) {
      expect(await supervisor.sdk[operation]({ agentNo: '1004' })).toMatchObject({
        code: -1,
        errorCode: 20012,
        message: 'no such agent: 1004 is offline',
      });
    }
  });

  it('refuses an agent in a call, leaving the call and the agent as they are', async () => {
    const agent = await signIn(gateway, '1005'); // queue 0 only
    const callId = await inCall(agent, '0');
    const mark = agent.log.entries.length;
    expect(await supervisor.sdk.setPause({ agentNo: '1005' })).toEqual({
      action: 'setPauseResp',
      code: -1,
      message: 'deviceStatus not in idle',
      errorCode: 30016,
    });
    await nothingMore(() => expect(agent.log.names().slice(mark)).toEqual([]));
    expect(await agentStatusOf('1005')).toMatchObject({ state: 'talking' });
    expect((await sim.call(callId)).legs.every((leg: any) => leg.state === 'answered')).toBe(true);
  });
});

describe('setOnline', () => {
  it('signs an offline agent in on an endpoint without a desktop, and queue calls ring it', async () => {
    expect(await supervisor.sdk.setOnline({ agentNo: '1006', bindEndpoint: { endpointType: 1, endpoint: '13600009006' } })).toEqual({
      action: 'setOnlineResp',
      code: 0,
      message: 'ok',
    });
    expect(await agentStatusOf('1006')).toMatchObject({ state: 'idle', loginStatus: 1, deviceStatus: 0 });

    const callId = await sim.inbound('1', '13800138001'); // 1006 answers queue 1 only
    await expect.poll(async () => (await sim.call(callId))?.legs.find((leg: any) => leg.party === 'agent')?.state).toBe('answered');
    expect((await sim.call(callId)).legs.find((leg: any) => leg.party === 'agent').number).toBe('13600009006');
    expect(await agentStatusOf('1006')).toMatchObject({ state: 'talking' });
  });

  it('refuses an agent who is signed in, with or without a desktop', async () => {
    await signIn(gateway, '1001');
    const refused = await supervisor.sdk.setOnline({ agentNo: '1001', bindEndpoint: { endpointType: 1, endpoint: '13600009001' } });
    expect(refused).toEqual({ action: 'setOnlineResp', code: -1, message: 'agent 1001 is already signed in', errorCode: 30013 });

    expect(await supervisor.sdk.setOnline({ agentNo: '1002', bindEndpoint: { endpointType: 2, endpoint: '8002' } })).toMatchObject({
      code: 0,
    });
    expect(await supervisor.sdk.setOnline({ agentNo: '1002', bindEndpoint: { endpointType: 2, endpoint: '8002' } })).toMatchObject({
      code: -1,
      errorCode: 30013,
    });
  });

  it('refuses an endpoint the agent cannot be rung on', async () => {
    expect(await supervisor.sdk.setOnline({ agentNo: '1003', bindEndpoint: { endpointType: 2, endpoint: '8999' } })).toMatchObject({
      code: -1,
      errorCode: 20025,
    });
    const softphone = await supervisor.sdk.setOnline({ agentNo: '1003', bindEndpoint: { endpointType: 3, endpoint: '' } });
    expect(softphone).toMatchObject({ code: -1, errorCode: 20000 });
    expect(softphone.message).toContain('softphone');
    expect(await agentStatusOf('1003')).toMatchObject({ state: 'offline' });
  });

  it('lets the agent open a desktop later without kicking anybody out', async () => {
    expect(await supervisor.sdk.setOnline({ agentNo: '1004', bindEndpoint: { endpointType: 1, endpoint: '13600001004' } })).toMatchObject({
      code: 0,
    });
    const agent = await signIn(gateway, '1004');
    expect(agent.log.of('kickOut')).toEqual([]);
    expect(agent.log.of('agentStatus').at(-1)).toMatchObject({ state: 'idle', stateAction: 'login' });
  });
});

describe('setOffline', () => {
  it('signs the agent out: its desktop sees the status and forcedLogout, the supervisor setOfflineResult', async () => {
    const agent = await signIn(gateway, '1001');
    const mark = supervisor.log.entries.length;
    expect(await supervisor.sdk.setOffline({ agentNo: '1001', unbindEndpoint: 1 })).toEqual({
      action: 'setOfflineResp',
      code: 0,
      message: 'ok',
    });
    expect(await supervisor.log.waitFor('setOfflineResult', () => true, mark)).toEqual({
      eventType: 'setOfflineResult',
      agentNo: '1001',
      result: 'success',
    });
    expect(supervisorEvents(mark)).toEqual(['setOfflineResp', 'setOfflineResult']);

    const offline = await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'setOffline');
    expect(offline).toMatchObject({ state: 'offline', loginStatus: 0 });
    expect(offline).not.toHaveProperty('bindEndpoint');
    expect(await agent.log.waitFor('forcedLogout')).toMatchObject({ reason: 'supervisor', message: 'signed out by a supervisor' });
    await agent.log.waitFor('connectionState', (s) => s.state === 'closed');
    expect(
      agent.log
        .names()
        .filter((name) => name === 'agentStatus' || name === 'forcedLogout')
        .slice(-2),
    ).toEqual(['agentStatus', 'forcedLogout']);
    expect(agent.log.of('reconnectAttempt')).toEqual([]);
    expect(await supervisor.sdk.setPause({ agentNo: '1001' })).toMatchObject({ code: -1, errorCode: 20012 });
  });

  it('keeps the bound endpoint by default', async () => {
    const agent = await signIn(gateway, '1002');
    expect(await supervisor.sdk.setOffline({ agentNo: '1002' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'setOffline')).toMatchObject({
      bindEndpoint: endpointOf('1002'),
    });
  });

  it('signs out an agent who has no desktop', async () => {
    expect(await supervisor.sdk.setOnline({ agentNo: '1004', bindEndpoint: { endpointType: 1, endpoint: '13600001004' } })).toMatchObject({
      code: 0,
    });
    expect(await supervisor.sdk.setOffline({ agentNo: '1004' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('setOfflineResult', (e) => e.agentNo === '1004');
    expect(await agentStatusOf('1004')).toMatchObject({ state: 'offline' });
  });

  it('refuses an agent in a call, and an offline agent', async () => {
    const agent = await signIn(gateway, '1005');
    await inCall(agent, '0');
    const mark = supervisor.log.entries.length;
    expect(await supervisor.sdk.setOffline({ agentNo: '1005' })).toMatchObject({
      code: -1,
      errorCode: 30016,
      message: 'deviceStatus not in idle',
    });
    expect(await supervisor.sdk.setOffline({ agentNo: '1006' })).toMatchObject({ code: -1, errorCode: 20012 });
    await nothingMore(() => expect(supervisorEvents(mark)).toEqual(['setOfflineResp', 'setOfflineResp']));
    expect(agent.log.of('forcedLogout')).toEqual([]);
  });
});
