/** Inbound ACD: a customer calls a queue, an idle agent of the queue is offered the call, answers, talks, wraps up. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
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

const withoutNoise = (names: string[]) => names.filter((name) => name !== 'connectionState');

describe('inbound calls', () => {
  it('rings the idle agent, bridges on answer, and wraps up after the customer hangs up', async () => {
    const agent = await signIn(gateway, '1005'); // queue 0 only
    const mark = agent.log.entries.length;
    const callId = await sim.inbound('0', '13800138000');

    const ringing = await agent.log.waitFor('ringing', () => true, mark);
    expect(ringing).toMatchObject({ eventType: 'ringing', callId, callType: 1, customerNumber: '13800138000', queueNo: '0', chanVariables: [] });
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

    const statuses = agent.log.entries.slice(mark).filter((e) => e.event === 'agentStatus').map((e) => [e.data.state, e.data.deviceStatus, e.data.stateAction]);
    expect(statuses).toEqual([
      ['ringing', 2, 'offer'],
      ['ringing', 3, 'ring'],
      ['talking', 4, 'answer'],
      ['wrapup', 0, 'hangup'],
    ]);
    expect(withoutNoise(agent.log.names().slice(mark))).toEqual([
      'agentStatus', 'agentStatus', 'ringing', 'sessionInit', 'agentStatus', 'sessionTerminate', 'agentStatus',
    ]);
  });
});
