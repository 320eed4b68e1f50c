/** Three-way calls ending, and duration-limited transfers (pre-alert, then the end), on an injected clock. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { callRecordOf } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
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

/** Waits for `event`, moving the clock 100 ms at a time while it has not come (simulated phones answer on the clock). */
async function until(
  client: TestClient,
  event: Parameters<TestClient['log']['waitFor']>[0],
  predicate: (data: any) => boolean = () => true,
  from = 0,
): Promise<any> {
  return vi.waitFor(
    () => {
      const found = client.log.entries.slice(from).find((e) => e.event === event && predicate(e.data));
      if (found) return found.data;
      clock.advance(100);
      throw new Error(`no ${event}`);
    },
    { timeout: 10_000, interval: 5 },
  );
}

const legOf = async (callId: string, number: string) => (await sim.call(callId))?.legs.find((leg: any) => leg.number === number);

async function consultLinked(agentNo: string, queueNo: string, from: string, target: string) {
  await sim.setBehaviour(target, { behavior: 'answer', answerAfterMs: 100 });
  const agent = await signIn(gateway, agentNo);
  const callId = await sim.inbound(queueNo, from);
  await until(agent, 'sessionInit');
  await agent.sdk.startAtxfer({ targetType: 0, target });
  await until(agent, 'atxferLink');
  return { agent, callId };
}

describe('three-way calls', () => {
  it('the consulted party leaves: agent and customer go on', async () => {
    const { agent, callId } = await consultLinked('1005', '0', '13800138600', '13900000300');
    expect(await agent.sdk.threewayAtxfer()).toMatchObject({ code: 0 });
    await until(agent, 'threewayAtxferResult');
    const call = await sim.call(callId);
    const targetLeg = call.legs.find((l: any) => l.number === '13900000300');
    expect(targetLeg.hears).toHaveLength(2);
    // The consulted party hangs up: the simulator's customer hangup ends every customer-side leg, so end that leg alone.
    await gateway.simulator.hangup(targetLeg.legId, 'normal');
    expect(await until(agent, 'atxferThreewayUnlink')).toMatchObject({ party: 'target', reason: 'hangup' });
    await expect.poll(async () => (await legOf(callId, '13800138600')).hears).toHaveLength(1);
    expect(await agent.sdk.unlink()).toMatchObject({ code: 0 });
  });

  it('the agent leaves: customer and consulted party go on, the agent wraps up', async () => {
    const { agent, callId } = await consultLinked('1006', '1', '13800138601', '13900000301');
    await agent.sdk.threewayAtxfer();
    await until(agent, 'threewayAtxferResult');
    expect(await agent.sdk.unlink()).toMatchObject({ code: 0 });
    expect(await until(agent, 'atxferThreewayUnlink')).toMatchObject({ party: 'agent' });
    expect(await until(agent, 'agentStatus', (s) => s.state === 'wrapup')).toBeDefined();
    const target = await legOf(callId, '13900000301');
    await expect.poll(async () => (await legOf(callId, '13800138601')).hears).toEqual([target.legId]);
    await sim.hangup(callId);
  });
});

describe('duration limits', () => {
  it('plays the pre-alert before the limit and ends the transferred call at the limit', async () => {
    const { agent, callId } = await consultLinked('1003', '2', '13800138602', '13900000302');
    const limited = clock.mark();
    expect(await agent.sdk.completeAtxfer({ durationLimit: 120, preAlertSeconds: 30, preAlertAudioFile: 'ending.wav' })).toMatchObject({
      code: 0,
    });
    await until(agent, 'completeAtxferResult');
    await clock.armedIn(90_000, limited); // the pre-alert
    await clock.armedIn(120_000, limited); // the end
    clock.advance(89_999);
    expect(clock.isArmed(1, limited)).toBe(true);
    expect((await legOf(callId, '13800138602')).prompts).not.toContain('ending.wav');
    clock.advance(1);
    await expect.poll(async () => (await legOf(callId, '13800138602')).prompts).toContain('ending.wav');
    await expect.poll(async () => (await legOf(callId, '13900000302')).prompts).toContain('ending.wav');
    clock.advance(30_000);
    await expect.poll(() => sim.call(callId)).toBeUndefined();
    const record = await callRecordOf(gateway, callId);
    expect(record).toMatchObject({ outcome: 'completed', hangupSide: 'system' });
  });
});
