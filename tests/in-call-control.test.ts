/** hold, mute, DTMF, survey and hang-up on a connected call, seen by the agent and by the simulator's audio paths. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
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

/** Signs the agent in and connects a customer's call to queue `queueNo` to it. */
async function connectedCall(
  agentNo: string,
  queueNo: string,
  from: string,
): Promise<{ agent: TestClient; callId: string; legs: () => Promise<{ customer: any; agent: any }> }> {
  const agent = await signIn(gateway, agentNo);
  const callId = await sim.inbound(queueNo, from);
  await agent.log.waitFor('sessionInit', (e) => e.callId === callId);
  const legs = async () => {
    const call = await sim.call(callId);
    return { customer: call.legs.find((l: any) => l.party === 'customer'), agent: call.legs.find((l: any) => l.party === 'agent') };
  };
  return { agent, callId, legs };
}

describe('in-call control', () => {
  it('holds and resumes: the customer hears music and nobody while held', async () => {
    const { agent, callId, legs } = await connectedCall('1005', '0', '13800138100');
    expect(await agent.sdk.hold()).toEqual({ action: 'holdResp', code: 0, message: 'ok' });
    expect(await agent.log.waitFor('callHeld')).toMatchObject({ eventType: 'callHeld', callId });
    let now = await legs();
    expect(now.customer).toMatchObject({ held: true, hearsMusic: true, hears: [] });
    expect(now.agent.hears).toEqual([]);
    expect(now.customer.prompts).toContain('hold-music');
    expect(await agent.sdk.hold()).toMatchObject({ code: -1, errorCode: 30013, message: 'call already held' });

    expect(await agent.sdk.unhold()).toMatchObject({ code: 0 });
    await agent.log.waitFor('callUnheld');
    now = await legs();
    expect(now.customer).toMatchObject({ held: false, hearsMusic: false, hears: [now.agent.legId] });
    expect(await agent.sdk.unhold()).toMatchObject({ code: -1, message: 'call not held' });
    await sim.hangup(callId);
  });

  it('mutes and unmutes by direction', async () => {
    const { agent, callId, legs } = await connectedCall('1006', '1', '13800138101');
    expect(await agent.sdk.mute({ direction: 'out' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('callMuted')).toMatchObject({ direction: 'out', muted: { in: false, out: true } });
    let now = await legs();
    expect(now.customer.hears).toEqual([]); // nobody hears the agent
    expect(now.agent.hears).toEqual([now.customer.legId]);

    expect(await agent.sdk.mute()).toMatchObject({ code: 0 }); // direction defaults to in
    now = await legs();
    expect(now.agent.muted).toEqual({ in: true, out: true });
    expect(now.agent.hears).toEqual([]);
    expect(await agent.sdk.mute({ direction: 'all' })).toMatchObject({ code: -1, message: 'already muted all' });

    expect(await agent.sdk.unmute({ direction: 'all' })).toMatchObject({ code: 0 });
    expect((await legs()).agent.muted).toEqual({ in: false, out: false });
    expect(agent.log.of('callUnmuted').at(-1)).toMatchObject({ direction: 'all', muted: { in: false, out: false } });
    await sim.hangup(callId);
  });

  it('sends DTMF to the customer or into the agent leg', async () => {
    const { agent, callId, legs } = await connectedCall('1003', '2', '13800138102');
    expect(await agent.sdk.sendDtmf({ digits: '12#', target: 2 })).toMatchObject({ code: 0 });
    expect(await agent.sdk.sendDtmf({ digits: '9', target: 1, durationMs: 200, gapMs: 300 })).toMatchObject({ code: 0 });
    const now = await legs();
    expect(now.customer.digitsReceived).toBe('12#');
    expect(now.agent.digitsReceived).toBe('9');
    await sim.hangup(callId);
  });

  it('hands the customer to the satisfaction survey and records the score', async () => {
    const { agent, callId, legs } = await connectedCall('1004', '1', '13800138103');
    expect(await agent.sdk.performSatisfactionSurvey()).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ callId, side: 'agent', reason: 'survey' });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
    await expect.poll(async () => (await legs()).customer?.prompts).toContain('survey: press 1 (poor) to 5 (excellent)');
    await sim.pressDigits(callId, '4');
    await expect
      .poll(
        async () =>
          (await gateway.api('GET', '/api/v1/tenants/demo/cdrs')).body.records.find((r: any) => r.callId === callId)?.survey?.result,
      )
      .toBe('4');
  });

  it('hangs up from the customer side with unlink side 2', async () => {
    const { agent, callId } = await connectedCall('1002', '0', '13800138104');
    expect(await agent.sdk.unlink({ side: 2 })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('sessionTerminate')).toMatchObject({ callId, side: 'customer', reason: 'hangup' });
    await expect.poll(async () => (await sim.call(callId)) === undefined).toBe(true);
  });

  it('refuses call operations without a call, precisely, and changes nothing', async () => {
    const agent = await signIn(gateway, '1001');
    const mark = agent.log.entries.length;
    for (const [operation, message, errorCode] of [
      [() => agent.sdk.hold(), 'no call', 30014],
      [() => agent.sdk.unhold(), 'no call', 30014],
      [() => agent.sdk.mute({ direction: 'in' }), 'no call', 30014],
      [() => agent.sdk.unlink(), 'no call', 30014],
      [() => agent.sdk.reject(), 'no call', 30014],
      [() => agent.sdk.cancelPreviewObCall(), 'no call', 30014],
      [() => agent.sdk.performSatisfactionSurvey(), 'no call', 30014],
      [() => agent.sdk.sendDtmf({ digits: '1', target: 2 }), 'no connected call', 30014],
      [() => agent.sdk.prolongWrapup({ wrapupTime: 60 }), 'not in wrap-up', 30015],
    ] as const) {
      expect(await operation()).toMatchObject({ code: -1, errorCode, message });
    }
    // Refusals emit no events; nothing to wait for, so a bounded wait.
    await expectNothingWithin(50, () =>
      expect(
        agent.log
          .names()
          .slice(mark)
          .every((name) => name.endsWith('Resp')),
      ).toBe(true),
    );
  });

  it('refuses hang-up while the call rings (reject it) and reject once connected', async () => {
    await sim.setBehaviour('13600001007', { behavior: 'no-answer' });
    const agent = await signIn(gateway, '1007'); // queue 2
    const callId = await sim.inbound('2', '13800138105');
    await agent.log.waitFor('ringing');
    expect(await agent.sdk.unlink()).toMatchObject({ code: -1, message: 'call is ringing: use reject' });
    expect(await agent.sdk.hold()).toMatchObject({ code: -1, message: 'no connected call' });
    await sim.hangup(callId);
  });
});
