/** blxfer (spec 5.4) to a number, an agent, a queue and an IVR node; transferIvr (5.5) and interactReturn. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { callRecordOf, connectedInboundCall } from './helpers/calls.js';
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

describe('blind transfer', () => {
  it('to an agent: the agent leaves at once, the target rings with the transfer variables and takes the call', async () => {
    const { agent, callId, legs } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138500');
    const target = await signIn(gateway, '1001');
    const mark = agent.log.entries.length;
    const response = await agent.sdk.blxfer({
      targetType: 1,
      target: '1001',
      blxferVariables: [{ name: 'dept', value: 'sales', type: 2 }],
      blxferDialAgentHold: 1,
    });
    expect(response).toEqual({ action: 'blxferResp', code: 0, message: 'ok' });
    expect(await agent.log.waitFor('sessionTerminate', () => true, mark)).toMatchObject({ callId, reason: 'transferred' });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup', mark);
    const ringing = await target.log.waitFor('ringing');
    expect(ringing).toMatchObject({ callId, transferredBy: '1005', customerNumber: '13800138500' });
    expect(ringing.chanVariables).toContainEqual({ name: 'dept', value: 'sales', type: 2 });
    expect(await target.log.waitFor('sessionInit')).toMatchObject({ callId, transferredBy: '1005' });
    const now = await legs();
    expect(now.customer.prompts).toContain('hold-music');
    expect(now.customer.hears).toEqual([now.all.find((l: any) => l.number === '13600001001').legId]);
    await sim.hangup(callId);
    const record = await callRecordOf(gateway, callId);
    expect(record).toMatchObject({ agentNo: '1001', outcome: 'completed', chanVariables: [{ name: 'dept', value: 'sales', type: 2 }] });
  });

  it('to a number, announcing the agent, with ringback', async () => {
    await sim.setBehaviour('13900000200', { behavior: 'answer', answerAfterMs: 30 });
    const { agent, callId, legs } = await connectedInboundCall(gateway, sim, '1006', '1', '13800138501');
    expect(await agent.sdk.blxfer({ targetType: 0, target: '13900000200', blxferDialSayAgent: 1 })).toMatchObject({ code: 0 });
    await expect.poll(async () => (await legs()).customer.hears.length).toBe(1);
    const now = await legs();
    expect(now.customer.prompts).toEqual(expect.arrayContaining(['your agent was 1006', 'ringback']));
    expect(now.customer.hears).toEqual([now.all.find((l: any) => l.number === '13900000200').legId]);
    await sim.hangup(callId);
  });

  it('to a number that does not answer: the caller goes back to the queue', async () => {
    await sim.setBehaviour('13900000201', { behavior: 'busy' });
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1003', '2', '13800138502');
    await agent.sdk.blxfer({ targetType: 0, target: '13900000201' });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
    const other = await signIn(gateway, '1007'); // queue 2
    expect(await other.log.waitFor('ringing')).toMatchObject({ callId, queueNo: '2' });
    await sim.hangup(callId);
  });

  it('to a queue: the next agent of that queue gets the call', async () => {
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1002', '0', '13800138503');
    const billing = await signIn(gateway, '1004'); // queues 1 and 2
    expect(await agent.sdk.blxfer({ targetType: 3, target: '1' })).toMatchObject({ code: 0 });
    expect(await billing.log.waitFor('ringing')).toMatchObject({ callId, queueNo: '1' });
    await sim.hangup(callId);
    expect(await agent.sdk.blxfer({ targetType: 3, target: '9' })).toMatchObject({ code: -1, errorCode: 30014 });
  });

  it('refuses a busy agent target and keeps the call', async () => {
    const { agent } = await connectedInboundCall(gateway, sim, '1001', '0', '13800138504');
    await signIn(gateway, '1002', { initialStatus: 2, pauseDescription: 'LUNCH' });
    const refused = await agent.sdk.blxfer({ targetType: 1, target: '1002' });
    expect(refused).toMatchObject({ code: -1, errorCode: 20011 });
    expect(await agent.sdk.blxfer({ targetType: 3, target: '9' })).toMatchObject({
      code: -1,
      errorCode: 20000,
      message: 'bad param: no queue 9 in the tenant',
    });
    expect(await agent.sdk.blxfer({ targetType: 4, target: '1:nope' })).toMatchObject({ code: -1, errorCode: 20000 });
    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
  });
});

describe('IVR', () => {
  // A gateway of its own: the blind-transfer tests leave agents of queue 1 idle, who would take these calls.
  beforeAll(async () => {
    await gateway.close();
    gateway = await startTestGateway();
    sim = simulatorApi(gateway);
  });

  it('transferIvr: the customer keys an ID, the agent gets it back in interactReturn', async () => {
    const { agent, callId, legs } = await connectedInboundCall(gateway, sim, '1006', '1', '13800138505');
    const mark = agent.log.entries.length;
    const response = await agent.sdk.transferIvr({ ivrTarget: { ivrId: 1, ivrNode: '1' }, returnVariables: { customerId: 'accountNo' } });
    expect(response).toEqual({ action: 'transferIvrResp', code: 0, message: 'ok' });
    await expect.poll(async () => (await legs()).customer.prompts).toContain('Please key in your customer number, then hash.');
    let now = await legs();
    expect(now.customer.hears).toEqual([]);
    await sim.pressDigits(callId, '4711#');
    const back = await agent.log.waitFor('interactReturn', () => true, mark);
    expect(back).toMatchObject({ eventType: 'interactReturn', callId, ivrId: '1', ivrNode: '1.2', variables: { accountNo: '4711' } });
    now = await legs();
    expect(now.customer.hears).toHaveLength(1);
    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
    await sim.hangup(callId);
  });

  it('blxfer to an IVR node sends the customer there and frees the agent', async () => {
    const { agent, callId, legs } = await connectedInboundCall(gateway, sim, '1004', '1', '13800138506');
    expect(await agent.sdk.blxfer({ targetType: 4, target: '1:1.1' })).toMatchObject({ code: 0 });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
    await expect.poll(async () => (await legs()).customer.prompts).toContain('Please key in your customer number, then hash.');
    await sim.hangup(callId);
  });

  it('refuses an unknown IVR or node', async () => {
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138507');
    expect(await agent.sdk.transferIvr({ ivrTarget: { ivrId: 9, ivrNode: '1' } })).toMatchObject({ code: -1, errorCode: 20000 });
    expect(await agent.sdk.transferIvr({ ivrTarget: { ivrId: '1', ivrNode: '7' } })).toMatchObject({ code: -1, errorCode: 20000 });
    await sim.hangup(callId);
  });
});
