/**
 * Predictive dialing in the gateway (docs/dialer.md, "Predictive pacing"): customer-first calls paced ahead of the
 * agents, an answered customer offered at once to an agent of the task, and one no agent took within 2 s abandoned
 * with a message, recorded and retried per the task's policy.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { taskApi, type TaskApi } from './helpers/dialer-tasks.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenantWithoutWrapup } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const ABANDON_MESSAGE = 'sorry-no-agent-free-we-will-call-you-back';

let gateway: TestGateway;
let sim: SimulatorApi;
let tasks: TaskApi;
beforeAll(async () => {
  gateway = await startTestGateway({
    tenants: [await demoTenantWithoutWrapup()],
  });
  sim = simulatorApi(gateway);
  tasks = taskApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

const customerLeg = (call: any, numbers: Set<string>) =>
  call.legs.find((leg: any) => leg.party === 'customer' && numbers.has(leg.number) && leg.state !== 'ended');

/** The task's `dialerNumberOutcome` events a supervisor saw, once there are `count`. */
async function outcomesOf(supervisor: TestClient, taskId: string, count: number): Promise<any[]> {
  const seen = () => supervisor.log.of('dialerNumberOutcome').filter((e) => e.taskId === taskId);
  await expect.poll(() => seen().length, { timeout: 30_000 }).toBe(count);
  return seen();
}

describe('predictive: an answered customer no agent takes within 2 s', () => {
  it('hears the abandon message; the attempt is recorded abandoned and retried per the task', async () => {
    const number = '13900002001';
    await sim.setBehaviour(number, { behavior: 'answer', answerAfterMs: 600 });
    const task = await tasks.create(
      {
        taskId: 'p-abandon',
        name: 'Predictive abandon',
        mode: 'predictive',
        customerAnswerTimeoutSeconds: 5,
        retryDelaySeconds: { abandoned: 600 },
      },
      [{ number, variables: { customerName: 'Ada' } }],
    );
    const supervisor = await signIn(gateway, '1008');
    const agent = await signIn(gateway, '1001');
    expect(await agent.sdk.startAutoObCallTask({ taskId: task.taskId })).toMatchObject({ code: 0 });

    // The customer rings first, with no agent on the call; the agent then goes busy before the customer answers.
    let callId = '';
    await expect
      .poll(async () => {
        const call = (await sim.calls()).find((candidate) => customerLeg(candidate, new Set([number])));
        callId = call?.callId ?? '';
        return call?.legs.map((leg: any) => leg.party);
      })
      .toEqual(['customer']);
    expect(await agent.sdk.pause({ pauseType: 1 })).toMatchObject({ code: 0 });

    await expect
      .poll(async () => (await sim.call(callId))?.legs.find((leg: any) => leg.party === 'customer')?.prompts, { timeout: 5_000 })
      .toContain(ABANDON_MESSAGE);
    const startedAt = Date.now();
    const [outcome] = await outcomesOf(supervisor, task.taskId, 1);
    // The task's abandon rate as the pacing measured it: its one answered customer was abandoned.
    expect(outcome).toMatchObject({ taskId: task.taskId, number, outcome: 'abandoned', attempts: 1, callId, abandonRate: 1 });
    expect(Date.parse(outcome.nextAttemptAt)).toBeGreaterThan(startedAt + 590_000);
    expect(agent.log.names()).not.toContain('ringing');

    const record = (await gateway.api('GET', `/api/v1/tenants/demo/cdrs/${callId}`)).body;
    expect(record).toMatchObject({ callType: 5, outcome: 'abandoned', hangupSide: 'system', customerNumber: number });
    expect(record.agentNo).toBeUndefined();
    expect(record.legs.map((leg: any) => [leg.party, leg.answeredAt !== undefined])).toEqual([['customer', true]]);
    const [row] = await tasks.results(task.taskId);
    expect(row).toMatchObject({ number, state: 'due', attempts: '1', lastOutcome: 'abandoned' });
  });
});

describe('predictive: a run on the simulator', () => {
  it('dials ahead of idle agents, connects or abandons every answered customer, stays under its abandon target, dials no number twice', async () => {
    const agentNos = ['1002', '1003', '1004', '1005'];
    const numbers = Array.from({ length: 64 }, (_, i) => `139000031${String(i).padStart(2, '0')}`);
    for (const [i, number] of numbers.entries()) {
      if (i % 5 === 1) await sim.setBehaviour(number, { behavior: 'busy' });
      else if (i % 9 === 4) await sim.setBehaviour(number, { behavior: 'no-answer' });
      else await sim.setBehaviour(number, { behavior: 'answer', answerAfterMs: 100 + (i % 4) * 100, hangupAfterMs: 800 + (i % 3) * 200 });
    }
    for (const agentNo of agentNos) await sim.setBehaviour(`1360000${agentNo}`, { behavior: 'answer', answerAfterMs: 100 });
    const target = 0.2;
    const task = await tasks.create(
      {
        taskId: 'p-run',
        name: 'Predictive run',
        mode: 'predictive',
        customerAnswerTimeoutSeconds: 5,
        abandonRateTarget: target,
        retryDelaySeconds: { busy: 3600, noAnswer: 3600, abandoned: 3600 },
      },
      numbers.map((number, i) => ({ number, variables: { customerName: `Customer ${i}` } })),
    );
    const supervisor = await signIn(gateway, '1008');
    const agents = await Promise.all(agentNos.map((agentNo) => signIn(gateway, agentNo)));
    const idleAgents = () => agents.filter((agent) => agent.log.of('agentStatus').at(-1)?.state === 'idle').length;
    for (const agent of agents) expect(await agent.sdk.startAutoObCallTask({ taskId: task.taskId })).toMatchObject({ code: 0 });

    // Watch the simulator: customers rung or waiting with no agent, against the agents idle around that moment.
    const taskNumbers = new Set(numbers);
    const messageHeard = new Set<string>();
    let mostAhead = Number.NEGATIVE_INFINITY;
    const done = () => supervisor.log.of('dialerNumberOutcome').filter((e) => e.taskId === task.taskId).length >= numbers.length;
    for (let round = 0; round < 1_000 && !done(); round++) {
      const idleBefore = idleAgents();
      const calls = (await sim.calls()).filter((call) => customerLeg(call, taskNumbers));
      const idleAfter = idleAgents();
      const withoutAgent = calls.filter((call) => !call.legs.some((leg: any) => leg.party === 'agent' && leg.state !== 'ended'));
      mostAhead = Math.max(mostAhead, withoutAgent.length - Math.max(idleBefore, idleAfter));
      for (const call of calls) if (customerLeg(call, taskNumbers).prompts.includes(ABANDON_MESSAGE)) messageHeard.add(call.callId);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const outcomes = await outcomesOf(supervisor, task.taskId, numbers.length);

    // More customers were being dialled than agents were idle: the dialer dialled ahead.
    expect(mostAhead).toBeGreaterThan(0);
    // Nothing dialled twice: one outcome and at most one attempt per number.
    expect(new Set(outcomes.map((e) => e.number)).size).toBe(numbers.length);
    const rows = await tasks.results(task.taskId);
    expect(rows.filter((row) => Number(row.attempts) !== 1)).toEqual([]);

    const answered = outcomes.filter((e) => e.outcome === 'answered');
    const abandoned = outcomes.filter((e) => e.outcome === 'abandoned');
    expect(answered.length).toBeGreaterThan(20);
    const rate = abandoned.length / (answered.length + abandoned.length);
    expect(rate).toBeLessThan(target);
    // Each outcome reports the rate the pacing measured; the last one counts the whole run.
    const reported = outcomes.map((e) => e.abandonRate);
    expect(reported.every((value) => typeof value === 'number')).toBe(true);
    expect(Math.max(...outcomes.slice(-3).map((e) => e.abandonRate))).toBeLessThan(target);
    // Every answered customer reached an agent, or heard the message and was recorded abandoned.
    for (const outcome of [...answered, ...abandoned]) {
      const record = (await gateway.api('GET', `/api/v1/tenants/demo/cdrs/${outcome.callId}`)).body;
      if (outcome.outcome === 'answered') {
        expect(record).toMatchObject({ callType: 5, outcome: 'completed', agentNo: expect.any(String) });
        expect(record.legs.map((leg: any) => leg.party)).toEqual(['customer', 'agent']);
      } else {
        expect(record).toMatchObject({ outcome: 'abandoned' });
        if (record.hangupSide === 'system') expect(messageHeard).toContain(outcome.callId);
      }
    }
    // What the agent sees of a call (docs/10 "Predictive outbound"), and its screen pop with the number's variables.
    const agentOf = (agentNo: string) => agents[agentNos.indexOf(agentNo)]!;
    const handled = answered[0]!;
    const seen = agentOf(handled.agentNo).log.entries.filter((entry) => entry.data?.callId === handled.callId);
    expect(seen.map((entry) => entry.event).filter((event) => event !== 'agentStatus')).toEqual([
      'ringing',
      'sessionInit',
      'callBridged',
      'dialerNumberOutcome',
      'sessionTerminate',
    ]);
    expect(seen.at(-1)?.data).toMatchObject({ side: 'customer', reason: 'hangup' });
    const ringing = agentOf(handled.agentNo)
      .log.of('ringing')
      .find((e) => e.callId === handled.callId);
    expect(ringing).toMatchObject({ callType: 5, customerNumber: handled.number });
    expect(ringing.chanVariables).toContainEqual({ name: 'customerName', value: `Customer ${numbers.indexOf(handled.number)}`, type: 2 });
    expect(
      agentOf(handled.agentNo)
        .log.of('sessionInit')
        .find((e) => e.callId === handled.callId),
    ).toMatchObject({
      chanVariables: ringing.chanVariables,
    });
  }, 60_000);
});
