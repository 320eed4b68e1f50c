/** previewObCall (spec 4.1): the agent's phone rings first, then the customer; the public key-flow event order. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { callRecordOf } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { succeeded } from './helpers/responses.js';

let gateway: TestGateway;
let sim: SimulatorApi;
beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

const PREVIEW_EVENTS = new Set([
  'callBridged',
  'previewObCallResp',
  'previewObCallResult',
  'previewObCallStart',
  'previewObCallRinging',
  'previewObCallBridge',
  'sessionInit',
  'sessionTerminate',
]);

describe('preview outbound', () => {
  it('rings the agent, dials the customer, bridges, and records the call with its variables', async () => {
    await sim.setBehaviour('13900000001', { behavior: 'answer', answerAfterMs: 100 });
    const agent = await signIn(gateway, '1001');
    const mark = agent.log.entries.length;
    const response = succeeded(
      await agent.sdk.previewObCall({
        customerNumber: '139 0000 0001',
        obClid: '02188880000',
        chanVariables: [
          { name: 'orderId', value: 'A-17', type: 2 },
          { name: 'note', value: 'vip' },
        ],
        requestUniqueId: 'req-1',
        cdrIsAsr: 0,
      }),
    );
    expect(response).toMatchObject({ action: 'previewObCallResp', code: 0, requestUniqueId: 'req-1', callId: expect.any(String) });
    const bridge = await agent.log.waitFor('previewObCallBridge', () => true, mark);
    expect(bridge).toMatchObject({ callId: response.callId, customerNumber: '13900000001', requestUniqueId: 'req-1', callType: 4 });
    expect(bridge.chanVariables).toHaveLength(2);
    expect(
      agent.log
        .names()
        .slice(mark)
        .filter((name) => PREVIEW_EVENTS.has(name)),
    ).toEqual([
      'previewObCallResp',
      'previewObCallResult',
      'sessionInit',
      'previewObCallStart',
      'previewObCallRinging',
      'previewObCallBridge',
      'callBridged',
    ]);
    expect(agent.log.of('previewObCallResult').at(-1)).toMatchObject({ result: 'success', requestUniqueId: 'req-1' });
    expect(agent.log.of('previewObCallStart').at(-1)).toMatchObject({ attempt: 1, customerNumber: '13900000001' });

    const live = await sim.call(response.callId!);
    const customerLeg = live.legs.find((leg: any) => leg.party === 'customer');
    expect(customerLeg.hears).toHaveLength(1);

    expect(await agent.sdk.unlink({ side: 1 })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('sessionTerminate', () => true, mark)).toMatchObject({
      side: 'agent',
      reason: 'hangup',
      outcome: 'completed',
    });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup', mark);
    const record = await callRecordOf(gateway, response.callId!);
    expect(record).toMatchObject({
      callType: 4,
      customerNumber: '13900000001',
      callerId: '02188880000',
      agentNo: '1001',
      requestUniqueId: 'req-1',
      outcome: 'completed',
      hangupSide: 'agent',
      cdrIsAsr: 0,
      chanVariables: [{ name: 'orderId', value: 'A-17', type: 2 }],
    });
    expect(record.legs.map((leg: any) => leg.party)).toEqual(['agent', 'customer']);
  });

  it('does not dial twice for a repeated requestUniqueId', async () => {
    await sim.setBehaviour('13900000002', { behavior: 'no-answer' });
    const agent = await signIn(gateway, '1002');
    const first = succeeded(await agent.sdk.previewObCall({ customerNumber: '13900000002', requestUniqueId: 'same-request' }));
    const again = await agent.sdk.previewObCall({ customerNumber: '13900000002', requestUniqueId: 'same-request' });
    expect(again).toMatchObject({ code: 0, callId: first.callId, requestUniqueId: 'same-request' });
    expect((await sim.calls()).filter((call) => call.callId === first.callId)).toHaveLength(1);
    expect(await agent.sdk.cancelPreviewObCall()).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ side: 'agent', outcome: 'cancelled' });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'offerReleased')).toMatchObject({ state: 'idle' });
    expect(await callRecordOf(gateway, first.callId!)).toMatchObject({ outcome: 'cancelled', hangupSide: 'agent' });
  });

  it('generates a requestUniqueId when omitted', async () => {
    await sim.setBehaviour('13900000003', { behavior: 'busy' });
    const agent = await signIn(gateway, '1003');
    const response = succeeded(await agent.sdk.previewObCall({ customerNumber: '13900000003' }));
    expect(response.requestUniqueId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ reason: 'customerBusy', outcome: 'customerBusy', side: 'system' });
    // Nobody talked, so there is nothing to wrap up: the agent is available again at once.
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'offerReleased')).toMatchObject({ state: 'idle' });
  });

  it('tries the backup numbers in order when the customer is busy', async () => {
    await sim.setBehaviour('13900000004', { behavior: 'busy' });
    await sim.setBehaviour('13900000005', { behavior: 'busy' });
    await sim.setBehaviour('13900000006', { behavior: 'answer', answerAfterMs: 50 });
    const agent = await signIn(gateway, '1004');
    const response = succeeded(await agent.sdk.previewObCall({ customerNumber: '13900000004', backupNumber: '13900000005,13900000006' }));
    const bridge = await agent.log.waitFor('previewObCallBridge');
    expect(bridge.customerNumber).toBe('13900000006');
    expect(agent.log.of('previewObCallStart').map((e) => [e.attempt, e.customerNumber])).toEqual([
      [1, '13900000004'],
      [2, '13900000005'],
      [3, '13900000006'],
    ]);
    await agent.sdk.unlink();
    const record = await callRecordOf(gateway, response.callId!);
    expect(record.legs.map((leg: any) => [leg.number, leg.endCause])).toEqual([
      ['13600001004', 'normal'],
      ['13900000004', 'busy'],
      ['13900000005', 'busy'],
      ['13900000006', 'normal'],
    ]);
  });

  it('reports a customer who does not answer, after the backups', async () => {
    await sim.setBehaviour('13900000007', { behavior: 'reject', answerAfterMs: 50 });
    const agent = await signIn(gateway, '1005');
    await agent.sdk.previewObCall({ customerNumber: '13900000007' });
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ reason: 'customerRejected' });
  });

  it('keeps an agent who dials out while busy in the same pause afterwards', async () => {
    await sim.setBehaviour('13900000008', { behavior: 'invalid' });
    const agent = await signIn(gateway, '1006', { initialStatus: 2, pauseDescription: 'MEETING' });
    await agent.sdk.previewObCall({ customerNumber: '13900000008' });
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ reason: 'invalidNumber' });
    const after = await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'offerReleased');
    expect(after).toMatchObject({ state: 'busy', pauseDescription: 'MEETING' });
  });

  it('returns a busy agent to the same pause after the wrap-up of a connected call', async () => {
    const agent = await signIn(gateway, '1007', { initialStatus: 2, pauseDescription: 'TRAINING' });
    await sim.setBehaviour('8001', { behavior: 'answer', answerAfterMs: 20 });
    // 1007 may not call out (no outbound permission); an internal call to an extension follows the same rule.
    expect(await agent.sdk.InternalCall({ targetType: 1, target: '8001' })).toMatchObject({ code: 0 });
    await agent.log.waitFor('callBridged');
    await agent.sdk.unlink();
    const after = await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'hangup');
    // Internal calls have no wrap-up: straight back to the pause.
    expect(after).toMatchObject({ state: 'busy', pauseDescription: 'TRAINING' });
  });
});
