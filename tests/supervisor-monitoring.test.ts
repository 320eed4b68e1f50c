/** spy, whisper, barge, three-way, disconnect and pickup on a watched agent's call, with the audio paths they make. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { callRecordOf, connectedInboundCall } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sim: SimulatorApi;
let supervisor: TestClient;
const SUPERVISOR_PHONE = '13600001008';
beforeAll(async () => {
  // Agents are told of every mode here; tests/silent-monitoring.test.ts covers the default (a silent spy).
  gateway = await startTestGateway({ tenants: [await demoTenant({ announceMonitoring: true })] });
  sim = simulatorApi(gateway);
});
beforeEach(async () => {
  supervisor = await signIn(gateway, '1008');
});
afterEach(closeClients);
afterAll(() => gateway.close());

/** The simulator's legs of a call, named by whose they are. */
async function audio(callId: string, from: string) {
  const call = await sim.call(callId);
  const by = (number: string) => call.legs.find((leg: any) => leg.number === number && leg.state !== 'ended');
  return { customer: by(from), supervisor: by(SUPERVISOR_PHONE), agentOf: (agentNo: string) => by(`1360000${agentNo}`) };
}

describe('supervisor monitoring', () => {
  it('spy, then whisper, then barge: the call never drops and the audio paths follow', async () => {
    const from = '13800138700';
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', from);
    const mark = supervisor.log.entries.length;

    expect(await supervisor.sdk.spy({ agentNo: '1005' })).toEqual({ action: 'spyResp', code: 0, message: 'ok' });
    expect(await supervisor.log.waitFor('spyResult', () => true, mark)).toMatchObject({ result: 'success', agentNo: '1005' });
    expect(await supervisor.log.waitFor('spyLink', () => true, mark)).toMatchObject({ supervisorNo: '1008', agentNo: '1005' });
    expect(await agent.log.waitFor('spyLink')).toMatchObject({ supervisorNo: '1008' });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'monitor')).toMatchObject({
      state: 'talking',
      monitoredBy: { supervisorNo: '1008', mode: 'spy' },
    });
    expect(await supervisor.log.waitFor('agentStatus', (s) => s.stateAction === 'monitor', mark)).toMatchObject({
      monitoring: { agentNo: '1005', mode: 'spy' },
    });
    let paths = await audio(callId, from);
    expect(paths.supervisor.hears.sort()).toEqual([paths.customer.legId, paths.agentOf('1005').legId].sort());
    expect(paths.customer.hears).toEqual([paths.agentOf('1005').legId]);
    expect(paths.agentOf('1005').hears).toEqual([paths.customer.legId]);

    expect(await supervisor.sdk.whisper({ agentNo: '1005' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('whisperLink', () => true, mark);
    expect(await agent.log.waitFor('spyUnlink')).toMatchObject({ reason: 'switched' });
    paths = await audio(callId, from);
    expect(paths.agentOf('1005').hears.sort()).toEqual([paths.customer.legId, paths.supervisor.legId].sort());
    expect(paths.customer.hears).toEqual([paths.agentOf('1005').legId]);

    expect(await supervisor.sdk.barge({ agentNo: '1005' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('bargeLink', () => true, mark);
    paths = await audio(callId, from);
    expect(paths.customer.hears.sort()).toEqual([paths.agentOf('1005').legId, paths.supervisor.legId].sort());
    expect(supervisor.log.of('agentStatus').at(-1)).toMatchObject({ state: 'talking' });

    expect(await supervisor.sdk.unspy()).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('bargeUnlink')).toMatchObject({ reason: 'hangup' });
    await expect.poll(() => agent.log.of('agentStatus').at(-1)).not.toHaveProperty('monitoredBy');
    expect(
      agent.log
        .of('agentStatus')
        .filter((s) => s.stateAction === 'monitor')
        .map((s) => s.monitoredBy?.mode),
    ).toEqual(['spy', 'whisper', 'barge', undefined]);
    await supervisor.log.waitFor('agentStatus', (s) => s.state === 'idle', mark);
    paths = await audio(callId, from);
    expect(paths.customer.hears).toEqual([paths.agentOf('1005').legId]);
    expect(agent.log.of('sessionTerminate')).toEqual([]);
    await sim.hangup(callId);
  });

  it('three-way and cancelThreeway', async () => {
    const from = '13800138701';
    const { callId } = await connectedInboundCall(gateway, sim, '1006', '1', from);
    expect(await supervisor.sdk.performThreeway({ agentNo: '1006' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('threewayLink');
    const paths = await audio(callId, from);
    expect(paths.customer.hears).toHaveLength(2);
    expect(await supervisor.sdk.cancelThreeway({ agentNo: '1006' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('threewayUnlink');
    await sim.hangup(callId);
  });

  it('disconnect ends the agent call and tells both sides', async () => {
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1003', '2', '13800138702');
    expect(await supervisor.sdk.disconnect({ agentNo: '1003' })).toMatchObject({ code: 0 });
    expect(await supervisor.log.waitFor('disconnectResult')).toMatchObject({ agentNo: '1003', result: 'success', callId });
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ side: 'system', reason: 'supervisor' });
    expect(await callRecordOf(gateway, callId)).toMatchObject({ hangupSide: 'system', outcome: 'completed' });
  });

  it('pickup answers a call ringing at the agent', async () => {
    await sim.setBehaviour('13600001002', { behavior: 'no-answer' });
    const agent = await signIn(gateway, '1002');
    const callId = await sim.inbound('0', '13800138703');
    await agent.log.waitFor('ringing');
    expect(await supervisor.sdk.pickup({ agentNo: '1002' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ callId, reason: 'pickedUp', supervisorNo: '1008' });
    expect(await supervisor.log.waitFor('sessionInit')).toMatchObject({ callId, customerNumber: '13800138703' });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'offerReleased')).toMatchObject({ state: 'idle' });
    await sim.hangup(callId);
    expect(await callRecordOf(gateway, callId)).toMatchObject({ agentNo: '1008' });
  });

  it('refuses agents not in a call, not ringing, and a second supervisor mode request while dialing', async () => {
    await signIn(gateway, '1001');
    for (const operation of [
      () => supervisor.sdk.spy({ agentNo: '1001' }),
      () => supervisor.sdk.barge({ agentNo: '1001' }),
      () => supervisor.sdk.disconnect({ agentNo: '1001' }),
    ]) {
      expect(await operation()).toMatchObject({ code: -1, errorCode: 30014, message: 'agent 1001 is not in a call' });
    }
    expect(await supervisor.sdk.pickup({ agentNo: '1001' })).toMatchObject({ code: -1, message: 'no call ringing at agent 1001' });
    expect(await supervisor.sdk.unspy()).toMatchObject({ code: -1, message: 'not monitoring a call' });
  });
});
