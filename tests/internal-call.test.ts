/** InternalCall (spec 4.9): agent to agent, and agent to an extension of the tenant. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
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

describe('internal calls', () => {
  it('rings the other agent with the caller, connects both, and frees both after hang-up', async () => {
    const caller = await signIn(gateway, '1001');
    const callee = await signIn(gateway, '1002', { initialStatus: 2, pauseDescription: 'busy' });
    const response = succeeded(
      await caller.sdk.InternalCall({ targetType: 0, target: '1002', chanVariables: [{ name: 'topic', value: 'escalation' }] }),
    );
    expect(response).toMatchObject({ action: 'InternalCallResp', code: 0, callId: expect.any(String) });

    const ringing = await callee.log.waitFor('ringing');
    expect(ringing).toMatchObject({
      callId: response.callId,
      callType: 9,
      callerAgentNo: '1001',
      chanVariables: [{ name: 'topic', value: 'escalation' }],
    });
    await callee.log.waitFor('sessionInit');
    await caller.log.waitFor('callBridged');
    expect(caller.log.of('agentStatus').at(-1)).toMatchObject({ state: 'talking', callType: 9 });
    expect(callee.log.of('agentStatus').at(-1)).toMatchObject({ state: 'talking', callType: 9 });

    expect(await callee.sdk.unlink()).toMatchObject({ code: 0 });
    expect(await caller.log.waitFor('sessionTerminate')).toMatchObject({ side: 'agent' });
    await callee.log.waitFor('sessionTerminate');
    // Internal calls have no wrap-up: each agent goes back to where it was.
    expect(await caller.log.waitFor('agentStatus', (s) => s.stateAction === 'hangup')).toMatchObject({ state: 'idle' });
    expect(await callee.log.waitFor('agentStatus', (s) => s.stateAction === 'hangup')).toMatchObject({
      state: 'busy',
      pauseDescription: 'busy',
    });
  });

  it('refuses a callee who is in a call, the caller itself, and an unknown extension', async () => {
    await sim.setBehaviour('13600001004', { behavior: 'no-answer' });
    const busy = await signIn(gateway, '1004');
    expect(await busy.sdk.previewObCall({ customerNumber: '13800138000' })).toMatchObject({ code: 0 });
    const caller = await signIn(gateway, '1003');
    const refused = await caller.sdk.InternalCall({ targetType: 0, target: '1004' });
    expect(refused).toMatchObject({ code: -1, errorCode: 20011 });
    expect(await caller.sdk.InternalCall({ targetType: 0, target: '1003' })).toMatchObject({ code: -1, errorCode: 20000 });
    expect(await caller.sdk.InternalCall({ targetType: 1, target: '8999' })).toMatchObject({ code: -1, errorCode: 20025 });
    expect(caller.log.of('agentStatus').at(-1)).toMatchObject({ state: 'idle' });
    await busy.sdk.cancelPreviewObCall();
  });

  it('calls an extension of the tenant', async () => {
    await sim.setBehaviour('8002', { behavior: 'answer', answerAfterMs: 20 });
    const caller = await signIn(gateway, '1005');
    const response = succeeded(await caller.sdk.InternalCall({ targetType: 1, target: '8002', customerAnswerTimeout: 10 }));
    await caller.log.waitFor('callBridged');
    const call = await sim.call(response.callId!);
    expect(call.legs.map((leg: any) => [leg.party, leg.number, leg.state])).toEqual([
      ['agent', '13600001005', 'answered'],
      ['customer', '8002', 'answered'],
    ]);
    await caller.sdk.unlink();
  });
});
