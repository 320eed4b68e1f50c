/**
 * `AgentSDK.getState()` and `subscribe`: through each key flow of docs/10 the snapshot shows what the flow did, and
 * the same snapshot comes out of `reduceState` folded over the events the client emitted (the recorded sequence).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_STATE, reduceState, type AgentSdkState } from '@agentsdk/sdk';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { connectedInboundCall } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sim: SimulatorApi;
beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

/** The state the recorded events of a client reduce to. */
function replayed(client: TestClient): AgentSdkState {
  return client.log.entries.reduce((state, { event, data }) => reduceState(state, event, data), INITIAL_STATE);
}

/** The client's state, checked to be the replay of its recorded events. */
function stateOf(client: TestClient): AgentSdkState {
  const state = client.sdk.getState();
  expect(state).toEqual(replayed(client));
  return state;
}

describe('state store', () => {
  it('login, pause: the session and agent status, current right after each await', async () => {
    const agent = await signIn(gateway, '1001');
    expect(stateOf(agent)).toMatchObject({
      connection: 'open',
      session: { tenantId: 'demo', agentNo: '1001', sessionId: expect.any(String) },
      agent: { state: 'idle', stateAction: 'login' },
      call: undefined,
    });
    await agent.sdk.pause({ pauseType: 2, pauseDescription: 'LUNCH' });
    expect(agent.sdk.getState().agent).toMatchObject({ state: 'busy', pauseType: 2, pauseDescription: 'LUNCH' });
    await agent.sdk.logout({ logoutMode: 1 });
    await agent.log.waitFor('connectionState', (e) => e.state === 'closed');
    expect(stateOf(agent)).toEqual(INITIAL_STATE);
  });

  it('is immutable, the same object until something changes, and announced to subscribers', async () => {
    const agent = await signIn(gateway, '1002');
    const before = agent.sdk.getState();
    expect(agent.sdk.getState()).toBe(before);
    expect(Object.isFrozen(before) && Object.isFrozen(before.agent) && Object.isFrozen(before.agent?.bindEndpoint)).toBe(true);
    expect(() => {
      (before as { connection: string }).connection = 'closed';
    }).toThrow(TypeError);

    const seen: [string | undefined, string | undefined][] = [];
    const unsubscribe = agent.sdk.subscribe((state, previous) => seen.push([previous.agent?.state, state.agent?.state]));
    await agent.sdk.pause({ pauseType: 1, pauseDescription: 'busy' });
    unsubscribe();
    await agent.sdk.unpause();
    expect(seen).toEqual([['idle', 'busy']]);
    expect(before.agent?.state).toBe('idle');
    await agent.sdk.logout({ logoutMode: 1 });
  });

  it('inbound call answered: ringing, then connected with both legs, hold and mute, then wrap-up with its countdown', async () => {
    const agent = await signIn(gateway, '1005');
    const callId = await sim.inbound('0', '13800138800');
    await agent.log.waitFor('ringing');
    expect(stateOf(agent).call).toMatchObject({
      callId,
      phase: 'ringing',
      queueNo: '0',
      customerNumber: '13800138800',
      legs: { agent: 'ringing', customer: 'waiting' },
    });
    await agent.log.waitFor('callBridged');
    expect(stateOf(agent).call).toMatchObject({
      callId,
      phase: 'connected',
      legs: { agent: 'connected', customer: 'connected' },
      held: false,
    });

    await agent.sdk.hold();
    await agent.sdk.mute({ direction: 'out' });
    expect(agent.sdk.getState().call).toMatchObject({ held: true, muted: { in: false, out: true } });

    await sim.hangup(callId);
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
    const state = stateOf(agent);
    expect(state.call).toBeUndefined();
    expect(state.wrapup).toEqual({ endsAt: state.agent?.wrapupEndsAt });
    expect(state.wrapup?.endsAt).toBeGreaterThan(Date.now());
  });

  it('preview outbound: dialing the customer, then connected, then no call after unlink', async () => {
    const agent = await signIn(gateway, '1003');
    const response = await agent.sdk.previewObCall({ customerNumber: '13900000801' });
    if (response.code !== 0) throw new Error(response.message);
    expect(agent.sdk.getState().call).toMatchObject({
      callId: response.callId,
      callType: 4,
      phase: 'ringing',
      legs: { agent: 'ringing', customer: 'dialing' },
    });
    await agent.log.waitFor('previewObCallBridge');
    expect(stateOf(agent).call).toMatchObject({
      callId: response.callId,
      phase: 'connected',
      attempt: 1,
      legs: { agent: 'connected', customer: 'connected' },
    });
    await agent.sdk.unlink();
    await agent.log.waitFor('sessionTerminate');
    expect(stateOf(agent).call).toBeUndefined();
  });

  it('consult, then complete: the consultation on the call, then the call with the target', async () => {
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138801');
    const target = await signIn(gateway, '1002');
    await agent.sdk.startAtxfer({ targetType: 1, target: '1002' });
    expect(agent.sdk.getState().call?.consult).toEqual({ targetType: 1, target: '1002', state: 'dialing' });
    await agent.log.waitFor('atxferLink');
    expect(stateOf(agent).call?.consult).toEqual({ targetType: 1, target: '1002', state: 'linked' });
    await agent.sdk.completeAtxfer();
    await agent.log.waitFor('sessionTerminate');
    expect(stateOf(agent).call).toBeUndefined();
    expect(stateOf(target).call).toMatchObject({ callId, legs: { agent: 'connected' }, consult: undefined });
  });

  it('consult, then three-way: back with the customer, linked again, all three', async () => {
    await sim.setBehaviour('13900000802', { behavior: 'answer', answerAfterMs: 30 });
    const { agent } = await connectedInboundCall(gateway, sim, '1003', '2', '13800138802');
    await agent.sdk.startAtxfer({ targetType: 0, target: '13900000802' });
    await agent.log.waitFor('atxferLink');
    await agent.sdk.resumeAtxfer();
    await agent.log.waitFor('atxferEnded');
    expect(stateOf(agent).call?.consult).toMatchObject({ target: '13900000802', state: 'customer' });
    const mark = agent.log.entries.length;
    await agent.sdk.resumeAtxfer();
    await agent.log.waitFor('atxferLink', () => true, mark);
    expect(stateOf(agent).call?.consult?.state).toBe('linked');
    await agent.sdk.threewayAtxfer();
    expect(stateOf(agent).call?.consult?.state).toBe('threeway');
  });

  it('supervisor spy, then barge: monitoring follows the mode; the agent sees the barge, not the silent spy', async () => {
    const supervisor = await signIn(gateway, '1008');
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138803');
    await supervisor.sdk.spy({ agentNo: '1005' });
    expect(supervisor.sdk.getState().monitoring).toEqual({ agentNo: '1005', callId, mode: 'spy', state: 'dialing' });
    await supervisor.log.waitFor('spyLink');
    expect(stateOf(supervisor).monitoring).toEqual({ agentNo: '1005', callId, mode: 'spy', state: 'linked' });
    // Listening in is silent unless the tenant sets announceMonitoring: the agent's state says nothing of it.
    expect(stateOf(agent).agent?.monitoredBy).toBeUndefined();
    expect(agent.sdk.getState().monitoring).toBeUndefined();

    await supervisor.sdk.barge({ agentNo: '1005' });
    await supervisor.log.waitFor('bargeLink');
    expect(stateOf(supervisor).monitoring).toMatchObject({ mode: 'barge', state: 'linked' });
    await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'monitor');
    expect(stateOf(agent).agent?.monitoredBy).toEqual({ supervisorNo: '1008', mode: 'barge' });
    await supervisor.sdk.unspy();
    await supervisor.log.waitFor('bargeUnlink');
    expect(stateOf(supervisor).monitoring).toBeUndefined();
  });

  it('supervisor queue status: the latest of each watched queue', async () => {
    const supervisor = await signIn(gateway, '1008');
    await supervisor.sdk.getQueueStatus({ queueNos: ['1'] });
    expect(Object.keys(supervisor.sdk.getState().queueStatus ?? {})).toEqual(['1']);
    await supervisor.sdk.getQueueStatus();
    const queueStatus = stateOf(supervisor).queueStatus ?? {};
    expect(Object.keys(queueStatus).sort()).toEqual(['0', '1', '2']);
    expect(queueStatus['0']).toHaveProperty('queueParams');
  });
});
