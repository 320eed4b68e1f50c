/** Inbound ACD: a customer calls a queue, an idle agent of the queue is offered the call, answers, talks, wraps up. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { callRecordOf } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';

let gateway: TestGateway;
let sim: SimulatorApi;
beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

const withoutNoise = (names: string[]) => names.filter((name) => name !== 'connectionState');

describe('inbound calls', () => {
  it('rings the idle agent, bridges on answer, and wraps up after the customer hangs up', async () => {
    const agent = await signIn(gateway, '1005'); // queue 0 only
    const mark = agent.log.entries.length;
    const callId = await sim.inbound('0', '13800138000');

    const ringing = await agent.log.waitFor('ringing', () => true, mark);
    expect(ringing).toMatchObject({
      eventType: 'ringing',
      callId,
      callType: 1,
      customerNumber: '13800138000',
      queueNo: '0',
      chanVariables: [],
    });
    const init = await agent.log.waitFor('sessionInit', () => true, mark);
    expect(init).toMatchObject({ callId, callType: 1, customerNumber: '13800138000' });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'talking', mark);

    const live = await sim.call(callId);
    const customer = live.legs.find((leg: any) => leg.party === 'customer');
    const agentLeg = live.legs.find((leg: any) => leg.party === 'agent');
    expect(customer.hears).toEqual([agentLeg.legId]);
    expect(agentLeg.hears).toEqual([customer.legId]);
    expect(agentLeg.number).toBe('13600001005');

    await sim.hangup(callId);
    const terminate = await agent.log.waitFor('sessionTerminate', () => true, mark);
    expect(terminate).toMatchObject({ callId, side: 'customer', reason: 'hangup', outcome: 'completed' });
    const wrapup = await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup', mark);
    expect(wrapup.wrapupEndsAt - wrapup.stateSince).toBe(30_000);

    const statuses = agent.log.entries
      .slice(mark)
      .filter((e) => e.event === 'agentStatus')
      .map((e) => [e.data.state, e.data.deviceStatus, e.data.stateAction]);
    expect(statuses).toEqual([
      ['ringing', 2, 'offer'],
      ['ringing', 3, 'ring'],
      ['talking', 4, 'answer'],
      ['wrapup', 0, 'hangup'],
    ]);
    expect(withoutNoise(agent.log.names().slice(mark))).toEqual([
      'agentStatus',
      'agentStatus',
      'ringing',
      'sessionInit',
      'agentStatus',
      'callBridged',
      'sessionTerminate',
      'agentStatus',
    ]);
  });
});

describe('inbound calls that do not connect', () => {
  it('keeps the caller waiting while no agent is available, and records an abandon', async () => {
    const callId = await sim.inbound('1', '13800138001');
    await expect.poll(async () => (await sim.call(callId))?.legs[0].state).toBe('answered');
    expect((await sim.call(callId)).legs[0].prompts).toEqual(['queue-music']);
    await sim.hangup(callId);
    const record = await callRecordOf(gateway, callId);
    expect(record).toMatchObject({
      callType: 1,
      queueNo: '1',
      customerNumber: '13800138001',
      outcome: 'abandoned',
      hangupSide: 'customer',
      talkSeconds: 0,
    });
    expect(record.agentNo).toBeUndefined();
  });

  it('tells the ringing agent when the caller abandons, and frees the agent', async () => {
    await sim.setBehaviour('13600001006', { behavior: 'no-answer' });
    const agent = await signIn(gateway, '1006'); // queue 1 only
    const mark = agent.log.entries.length;
    const callId = await sim.inbound('1', '13800138002');
    await agent.log.waitFor('ringing', () => true, mark);
    await sim.hangup(callId);
    expect(await agent.log.waitFor('sessionTerminate', () => true, mark)).toMatchObject({ callId, side: 'customer', reason: 'abandoned' });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'offerReleased', mark)).toMatchObject({
      state: 'idle',
      deviceStatus: 0,
    });
    expect(await callRecordOf(gateway, callId)).toMatchObject({ outcome: 'abandoned', agentNo: '1006' });
  });

  it('offers the call to another agent when the first one rejects it, never to two at once', async () => {
    await sim.setBehaviour('13600001001', { behavior: 'no-answer' });
    await sim.setBehaviour('13600001002', { behavior: 'no-answer' });
    const first = await signIn(gateway, '1001');
    const second = await signIn(gateway, '1002');
    const callId = await sim.inbound('0', '13800138003');
    // Both are idle in queue 0: exactly one rings.
    const ringingAgent = await Promise.race([
      first.log.waitFor('ringing').then(() => first),
      second.log.waitFor('ringing').then(() => second),
    ]);
    const other = ringingAgent === first ? second : first;
    // The other agent is not to ring at all: a bounded wait.
    await expectNothingWithin(100, () => expect(other.log.of('ringing')).toEqual([]));
    expect(await ringingAgent.sdk.reject({ description: 'busy' })).toMatchObject({ code: 0 });
    expect(await ringingAgent.log.waitFor('sessionTerminate')).toMatchObject({ callId, reason: 'rejected' });
    expect(await other.log.waitFor('ringing')).toMatchObject({ callId });
    expect(ringingAgent.log.of('agentStatus').at(-1)).toMatchObject({ state: 'idle' });
    await sim.hangup(callId);
    await other.log.waitFor('sessionTerminate');
    const { body } = await gateway.api('GET', '/api/v1/tenants/demo/cdrs');
    const record = body.records.find((r: any) => r.callId === callId);
    expect(record.rejections).toEqual([{ agentNo: ringingAgent === first ? '1001' : '1002', at: expect.any(String), description: 'busy' }]);
  });
});
