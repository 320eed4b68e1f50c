/** Consultation, attended transfer and three-way calls (spec 5.1-5.3), in the public key-flow order. */
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

const CONSULT_EVENTS = new Set([
  'startAtxferResp',
  'atxferStart',
  'atxferLink',
  'atxferEnded',
  'atxferError',
  'completeAtxferResp',
  'completeAtxferResult',
  'threewayAtxferResp',
  'threewayAtxferResult',
  'atxferThreewayUnlink',
  'cancelAtxferResp',
  'resumeAtxferResp',
]);
const consultEvents = (names: string[]) => names.filter((name) => CONSULT_EVENTS.has(name));

describe('consult then complete', () => {
  it('holds the customer, links the consulted agent, then hands the customer over', async () => {
    const { agent, callId, legs } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138400');
    const target = await signIn(gateway, '1002');
    const mark = agent.log.entries.length;

    const start = await agent.sdk.startAtxfer({
      targetType: 1,
      target: '1002',
      chanVariables: [{ name: 'reason', value: 'billing question', type: 2 }],
    });
    expect(start).toEqual({ action: 'startAtxferResp', code: 0, message: 'ok' });
    const ringing = await target.log.waitFor('ringing');
    expect(ringing).toMatchObject({ callId, consultingAgentNo: '1005', customerNumber: '13800138400' });
    expect(ringing.chanVariables).toContainEqual({ name: 'reason', value: 'billing question', type: 2 });
    await target.log.waitFor('sessionInit');
    expect(await agent.log.waitFor('atxferLink', () => true, mark)).toMatchObject({ callId, targetType: 1, target: '1002' });
    let now = await legs();
    expect(now.customer).toMatchObject({ held: true, hearsMusic: true });

    expect(await agent.sdk.completeAtxfer()).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('completeAtxferResult', () => true, mark)).toMatchObject({ result: 'success', target: '1002' });
    expect(await agent.log.waitFor('sessionTerminate', () => true, mark)).toMatchObject({ reason: 'transferred' });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup', mark);
    expect(consultEvents(agent.log.names().slice(mark))).toEqual([
      'startAtxferResp',
      'atxferStart',
      'atxferLink',
      'completeAtxferResp',
      'completeAtxferResult',
    ]);

    await expect.poll(async () => (await legs()).customer.hears.length).toBe(1);
    now = await legs();
    const targetLeg = now.all.find((l: any) => l.number === '13600001002');
    expect(now.customer).toMatchObject({ held: false, hears: [targetLeg.legId] });

    // The consulted agent now owns the call: it can hold it and hang up.
    expect(await target.sdk.hold()).toMatchObject({ code: 0 });
    expect(await target.sdk.unhold()).toMatchObject({ code: 0 });
    expect(await target.sdk.unlink()).toMatchObject({ code: 0 });
    expect(await target.log.waitFor('sessionTerminate')).toMatchObject({ callId, side: 'agent' });
    await target.log.waitFor('agentStatus', (s) => s.state === 'wrapup');

    const record = await callRecordOf(gateway, callId);
    expect(record.legs.map((leg: any) => [leg.party, leg.agentNo ?? null])).toEqual([
      ['customer', null],
      ['agent', '1005'],
      ['agent', '1002'],
    ]);
    expect(record.agentNo).toBe('1002');
    expect(record.chanVariables).toEqual([]);
  });
});

describe('consult: cancel, resume, failures', () => {
  it('cancels a consultation and returns to the customer', async () => {
    await sim.setBehaviour('13900000100', { behavior: 'answer', answerAfterMs: 30 });
    const { agent, legs } = await connectedInboundCall(gateway, sim, '1006', '1', '13800138401');
    const mark = agent.log.entries.length;
    await agent.sdk.startAtxfer({ targetType: 0, target: '13900000100' });
    await agent.log.waitFor('atxferLink', () => true, mark);
    expect(await agent.sdk.cancelAtxfer()).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('atxferEnded', () => true, mark)).toMatchObject({ reason: 'cancel' });
    await expect.poll(async () => (await legs()).customer.held).toBe(false);
    const now = await legs();
    expect(now.customer.hears).toEqual([now.agents.find((l: any) => l.number === '13600001006').legId]);
    expect(consultEvents(agent.log.names().slice(mark))).toEqual([
      'startAtxferResp',
      'atxferStart',
      'atxferLink',
      'cancelAtxferResp',
      'atxferEnded',
    ]);
  });

  it('switches between customer and consulted party with resumeAtxfer', async () => {
    await sim.setBehaviour('13900000101', { behavior: 'answer', answerAfterMs: 30 });
    const { agent, legs } = await connectedInboundCall(gateway, sim, '1003', '2', '13800138402');
    const mark = agent.log.entries.length;
    await agent.sdk.startAtxfer({ targetType: 0, target: '13900000101' });
    await agent.log.waitFor('atxferLink', () => true, mark);
    expect(await agent.sdk.resumeAtxfer()).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('atxferEnded', () => true, mark)).toMatchObject({ reason: 'resume' });
    let now = await legs();
    const consultLeg = now.all.find((l: any) => l.number === '13900000101');
    expect(consultLeg).toMatchObject({ held: true, hearsMusic: true });
    expect(now.customer.held).toBe(false);
    expect(await agent.sdk.resumeAtxfer()).toMatchObject({ code: 0 });
    await agent.log.waitFor('atxferLink', () => true, agent.log.entries.length - 2);
    now = await legs();
    expect(now.customer.held).toBe(true);
    expect(await agent.sdk.threewayAtxfer()).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('threewayAtxferResult', () => true, mark)).toMatchObject({ result: 'success' });
    now = await legs();
    expect(now.customer.hears).toHaveLength(2);
  });

  it('reports a consulted number that is busy with atxferError and keeps the call', async () => {
    await sim.setBehaviour('13900000102', { behavior: 'busy' });
    const { agent, legs } = await connectedInboundCall(gateway, sim, '1001', '0', '13800138403');
    const mark = agent.log.entries.length;
    expect(await agent.sdk.startAtxfer({ targetType: 0, target: '13900000102' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('atxferError', () => true, mark)).toMatchObject({ reason: 'busy', target: '13900000102' });
    await expect.poll(async () => (await legs()).customer.held).toBe(false);
    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
  });

  it('refuses an offline, unknown or busy target, leaving the call intact', async () => {
    const { agent } = await connectedInboundCall(gateway, sim, '1004', '1', '13800138404');
    expect(await agent.sdk.startAtxfer({ targetType: 1, target: '1007' })).toMatchObject({ code: -1, errorCode: 20012 });
    expect(await agent.sdk.startAtxfer({ targetType: 1, target: '4242' })).toMatchObject({ code: -1, errorCode: 20012 });
    expect(await agent.sdk.startAtxfer({ targetType: 2, target: '8999' })).toMatchObject({ code: -1, errorCode: 20025 });
    expect(await agent.sdk.startAtxfer({ targetType: 0, target: 'x' })).toMatchObject({ code: -1, errorCode: 20000 });
    expect(await agent.sdk.completeAtxfer()).toMatchObject({ code: -1, message: 'no consultation' });
    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
  });

  it('refuses agents without the transfer permission', async () => {
    const demoNoTransfer = await startTestGateway({
      tenants: [
        await (await import('./helpers/tenants.js')).demoTenant({
          agents: [
            { agentNo: '1001', name: 'A', role: 'agent', queues: ['0'], permissions: ['outbound'] },
            { agentNo: '1002', name: 'B', role: 'agent', queues: ['0'], permissions: ['outbound', 'transfer'] },
          ],
        }),
      ],
    });
    try {
      const own = simulatorApi(demoNoTransfer);
      const { agent } = await connectedInboundCall(demoNoTransfer, own, '1001', '0', '13800138405');
      expect(await agent.sdk.startAtxfer({ targetType: 1, target: '1002' })).toMatchObject({ code: -1, errorCode: 20016 });
      expect(await agent.sdk.blxfer({ targetType: 1, target: '1002' })).toMatchObject({ code: -1, errorCode: 20016 });
    } finally {
      await demoNoTransfer.close();
    }
  });
});
