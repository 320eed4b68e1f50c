/** The auto-outbound dialer (spec 4.11–4.13, 7.9): progressive tasks dial an idle agent's next number, agent first. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { callRecordOf } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenantWithoutWrapup } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sim: SimulatorApi;
beforeAll(async () => {
  gateway = await startTestGateway({
    tenants: [await demoTenantWithoutWrapup()],
  });
  sim = simulatorApi(gateway);
  for (const number of ['13900001101', '13900001102', '13900001103'])
    await sim.setBehaviour(number, { behavior: 'answer', answerAfterMs: 50 });
});
afterEach(closeClients);
afterAll(() => gateway.close());

const CALL_EVENTS = new Set(['sessionInit', 'callBridged', 'sessionTerminate']);

/** Waits for the dialer's next call to the agent and returns it once bridged; the customer leg must ring `number`. */
async function nextBridgedCall(agent: TestClient, number: string, mark: number): Promise<any> {
  const bridged = await agent.log.waitFor('callBridged', () => true, mark);
  expect(bridged).toMatchObject({ customerNumber: number, callType: 5 });
  const live = await sim.call(bridged.callId);
  expect(live.legs.map((leg: any) => [leg.party, leg.number])).toEqual([
    ['agent', '13600001001'],
    ['customer', number],
  ]);
  return bridged;
}

async function hangUp(agent: TestClient, mark: number): Promise<void> {
  expect(await agent.sdk.unlink({ side: 1 })).toMatchObject({ code: 0 });
  await agent.log.waitFor('sessionTerminate', () => true, mark);
}

describe('progressive auto-dial', () => {
  it('dials the next number whenever the agent is idle, with callParams in the call record, until paused', async () => {
    const agent = await signIn(gateway, '1001');
    let mark = agent.log.entries.length;
    expect(await agent.sdk.startAutoObCallTask({ taskId: '11', callParams: '{"campaign":"renewal","batch":"7"}' })).toMatchObject({
      code: 0,
    });

    const first = await nextBridgedCall(agent, '13900001101', mark);
    const ring = agent.log.entries.findIndex((entry, i) => i >= mark && entry.event === 'agentStatus' && entry.data.stateAction === 'ring');
    const sessionInit = agent.log.entries.findIndex((entry, i) => i >= mark && entry.event === 'sessionInit');
    expect(ring).toBeGreaterThanOrEqual(mark);
    expect(sessionInit).toBeGreaterThan(ring);
    expect(
      agent.log
        .names()
        .slice(mark)
        .filter((name) => CALL_EVENTS.has(name)),
    ).toEqual(['sessionInit', 'callBridged']);

    mark = agent.log.entries.length;
    await hangUp(agent, mark);
    const record = await callRecordOf(gateway, first.callId);
    expect(record).toMatchObject({
      callType: 5,
      customerNumber: '13900001101',
      callerId: '02188880000',
      agentNo: '1001',
      chanVariables: [
        { name: 'campaign', value: 'renewal', type: 2 },
        { name: 'batch', value: '7', type: 2 },
      ],
    });
    expect(record.legs.map((leg: any) => leg.party)).toEqual(['agent', 'customer']);

    await nextBridgedCall(agent, '13900001102', mark);
    expect(await agent.sdk.pauseAutoObCallTask({ taskId: '11' })).toMatchObject({ code: 0 });
    mark = agent.log.entries.length;
    await hangUp(agent, mark);
    await agent.log.waitFor('agentStatus', (status) => status.state === 'idle', mark);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      agent.log
        .names()
        .slice(mark)
        .filter((name) => name === 'sessionInit'),
    ).toEqual([]);
    expect(await agent.sdk.pauseAutoObCallTask({ taskId: '11' })).toMatchObject({ code: -1, errorCode: 30006 });
  });

  it('stops dialing an agent when the task runs out of numbers', async () => {
    const agent = await signIn(gateway, '1003');
    const mark = agent.log.entries.length;
    expect(await agent.sdk.startAutoObCallTask({ taskId: '11' })).toMatchObject({ code: 0 });
    const bridged = await agent.log.waitFor('callBridged', () => true, mark);
    expect(bridged).toMatchObject({ customerNumber: '13900001103', callType: 5 });
    const after = agent.log.entries.length;
    await hangUp(agent, after);
    await agent.log.waitFor('agentStatus', (status) => status.state === 'idle', after);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      agent.log
        .names()
        .slice(after)
        .filter((name) => name === 'sessionInit'),
    ).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses an unknown task and a task the work mode does not allow', async () => {
    const agent = await signIn(gateway, '1002');
    const unknown = await agent.sdk.startAutoObCallTask({ taskId: '99' });
    expect(unknown).toMatchObject({ code: -1, errorCode: 20000 });
    expect(unknown.message).toContain('99');

    expect(await agent.sdk.changeObCallMode({ workMode: 1 })).toMatchObject({ code: 0 });
    expect(await agent.sdk.startAutoObCallTask({ taskId: '11' })).toMatchObject({ code: -1, errorCode: 20016 });
    expect(await agent.sdk.changeObCallMode({ workMode: 2 })).toMatchObject({ code: 0 });
    expect(await agent.sdk.startAutoObCallTask({ taskId: '12' })).toMatchObject({ code: -1, errorCode: 20016 });
    expect(await agent.sdk.pauseAutoObCallTask({ taskId: '12' })).toMatchObject({ code: -1, errorCode: 30006 });
  });
});

describe('login workMode', () => {
  it('starts the session in the work mode login asked for: 4 is preview only, 5 predictive only', async () => {
    const previewOnly = await signIn(gateway, '1004', { workMode: '4' });
    expect(await previewOnly.sdk.startAutoObCallTask({ taskId: '11' })).toMatchObject({ code: -1, errorCode: 20016 });
    expect(await previewOnly.sdk.startAutoObCallTask({ taskId: '12' })).toMatchObject({ code: 0 });
    const predictiveOnly = await signIn(gateway, '1005', { workMode: '5' });
    expect(await predictiveOnly.sdk.startAutoObCallTask({ taskId: '12' })).toMatchObject({ code: -1, errorCode: 20016 });
    expect(await predictiveOnly.sdk.changeObCallMode({ workMode: 0 })).toMatchObject({ code: 0 });
    expect(await predictiveOnly.sdk.startAutoObCallTask({ taskId: '12' })).toMatchObject({ code: 0 });
  });
});

describe('ListPreviewDialingTask', () => {
  it('lists the preview tasks with their remaining numbers', async () => {
    const supervisor = await signIn(gateway, '1008');
    expect(await supervisor.sdk.ListPreviewDialingTask()).toMatchObject({
      code: 0,
      tasks: [{ taskId: '12', name: 'Survey follow-ups', mode: 'preview', remaining: 2, numbers: ['13900001201', '13900001202'] }],
    });
  });
});
