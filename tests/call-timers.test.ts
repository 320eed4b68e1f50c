/** What time decides, driven by an injected clock: ring timeouts, wrap-up ending by itself and prolonged. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';
import { WatchedClock } from './helpers/watched-clock.js';

let gateway: TestGateway;
let sim: SimulatorApi;
let clock: WatchedClock;
beforeAll(async () => {
  clock = new WatchedClock(Date.now());
  gateway = await startTestGateway({ clock });
  sim = simulatorApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

describe('call timers', () => {
  it('returns an unanswered call to the queue, pauses the agent, and offers it to the next agent', async () => {
    await sim.setBehaviour('13600001003', { behavior: 'no-answer' });
    const first = await signIn(gateway, '1003'); // queues 0 and 2
    const offered = clock.mark();
    const callId = await sim.inbound('2', '13800138010');
    await first.log.waitFor('ringing');
    const second = await signIn(gateway, '1004'); // queues 1 and 2; signed in later, so 1003 was offered first
    // Not offered while 1003 rings: nothing to wait for but time.
    await expectNothingWithin(100, () => expect(second.log.of('ringing')).toEqual([]));
    await clock.armedIn(25_000, offered);

    clock.advance(25_000); // queue 2 rings for 25 s
    expect(await first.log.waitFor('sessionTerminate')).toMatchObject({ callId, side: 'agent', reason: 'agentNoAnswer' });
    expect(await first.log.waitFor('agentStatus', (s) => s.stateAction === 'ringNoAnswer')).toMatchObject({
      state: 'busy',
      pauseType: 1,
      pauseDescription: 'ring no answer',
    });
    expect(await second.log.waitFor('ringing')).toMatchObject({ callId, queueNo: '2' });
    clock.advance(300); // 1004's phone answers
    await second.log.waitFor('sessionInit');
    await sim.hangup(callId);
    await second.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
  });

  it('ends wrap-up by itself, and later when prolonged', async () => {
    const agent = await signIn(gateway, '1005', { initialStatus: 3 });
    const wrapup = agent.log.of('agentStatus')[0];
    expect(wrapup.wrapupEndsAt - clock.now()).toBe(30_000);
    expect(await agent.sdk.prolongWrapup({ wrapupTime: 60 })).toMatchObject({ code: 0 });
    const prolonged = await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'prolongWrapup');
    expect(prolonged.wrapupEndsAt).toBe(wrapup.wrapupEndsAt + 60_000);

    clock.advance(30_000);
    // The first wrap-up end is due but ignored: no event to wait for, so a bounded wait.
    await expectNothingWithin(100, () => expect(agent.log.of('agentStatus').at(-1)).toMatchObject({ state: 'wrapup' }));
    clock.advance(60_000);
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'wrapupEnd')).toMatchObject({ state: 'idle' });
    expect(await agent.sdk.prolongWrapup({ wrapupTime: 60 })).toMatchObject({ code: -1, errorCode: 30015, message: 'not in wrap-up' });
  });

  it('tries the next backup number when the customer does not answer in customerAnswerTimeout', async () => {
    await sim.setBehaviour('13900000400', { behavior: 'no-answer' });
    await sim.setBehaviour('13900000401', { behavior: 'answer', answerAfterMs: 1_000 });
    const agent = await signIn(gateway, '1006');
    const dialling = clock.mark();
    await agent.sdk.previewObCall({ customerNumber: '13900000400', backupNumber: '13900000401', customerAnswerTimeout: 10 });
    clock.advance(300); // the agent's phone answers
    await agent.log.waitFor('previewObCallStart', (e) => e.attempt === 1);
    await clock.armedIn(10_000, dialling);
    clock.advance(9_999);
    expect(clock.isArmed(1)).toBe(true);
    expect(agent.log.of('previewObCallStart')).toHaveLength(1);
    const backup = clock.mark();
    clock.advance(1);
    expect(await agent.log.waitFor('previewObCallStart', (e) => e.attempt === 2)).toMatchObject({ customerNumber: '13900000401' });
    await clock.armedIn(1_000, backup); // the backup number answers after 1 s
    clock.advance(1_000);
    expect(await agent.log.waitFor('previewObCallBridge')).toMatchObject({ customerNumber: '13900000401' });
    await agent.sdk.unlink();
  });

  it('gives up the customer at the queue timeout', async () => {
    const ownClock = new WatchedClock(Date.now());
    const empty = await startTestGateway({ clock: ownClock });
    try {
      const callId = await simulatorApi(empty).inbound('1', '13800138011');
      await ownClock.armedIn(600_000); // queue 1's timeout
      ownClock.advance(600_000);
      await expect
        .poll(async () => (await empty.api('GET', '/api/v1/tenants/demo/cdrs')).body.records.find((r: any) => r.callId === callId)?.outcome)
        .toBe('queueTimeout');
    } finally {
      await empty.close();
    }
  });
});
