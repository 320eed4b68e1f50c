/**
 * The dialer on stored tasks: per-number variables on the screen pop, retries by outcome, calling hours, pausing a
 * task, the do-not-call list; each number's life is in the task's progress and results.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { callingHoursAround, taskApi, type TaskApi } from './helpers/dialer-tasks.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenantWithoutWrapup } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

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

/** A customer who answers at once and hangs up shortly after: the agent is free again without anyone acting. */
const answersBriefly = (number: string) => sim.setBehaviour(number, { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 200 });

async function callsTo(agent: TestClient, mark = 0): Promise<string[]> {
  return agent.log.entries.slice(mark).flatMap((entry) => (entry.event === 'sessionInit' ? [entry.data.customerNumber as string] : []));
}

describe('dialer tasks', () => {
  it("puts a number's variables on the screen pop and in the call record, and records the outcome", async () => {
    await answersBriefly('13900002001');
    await tasks.create({ taskId: 'vars', name: 'Vars', mode: 'progressive', callerId: '02188880000' }, [
      { number: '13900002001', variables: { customerName: 'Ada', policy: 'P-7' } },
    ]);
    const agent = await signIn(gateway, '1001');
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'vars', callParams: '{"campaign":"q3"}' })).toMatchObject({ code: 0 });
    const init = await agent.log.waitFor('sessionInit');
    expect(init).toMatchObject({ customerNumber: '13900002001', callType: 5 });
    expect(init.chanVariables).toEqual([
      { name: 'campaign', value: 'q3', type: 2 },
      { name: 'customerName', value: 'Ada', type: 2 },
      { name: 'policy', value: 'P-7', type: 2 },
    ]);
    await agent.log.waitFor('sessionTerminate');
    await expect
      .poll(async () => (await tasks.get('vars')).progress)
      .toEqual({ total: 1, dialled: 1, remaining: 0, outcomes: { answered: 1 } });
    const [row] = await tasks.results('vars');
    expect(row).toMatchObject({
      number: '13900002001',
      state: 'done',
      attempts: '1',
      lastOutcome: 'answered',
      callIds: init.callId,
      customerName: 'Ada',
    });
  });

  it("retries a busy number after the task's delay, up to its attempts, and a number that answers is not dialled again", async () => {
    await sim.setBehaviour('13900002101', { behavior: 'busy' });
    await answersBriefly('13900002102');
    await tasks.create({ taskId: 'retry', name: 'Retry', mode: 'progressive', maxAttempts: 2, retryDelaySeconds: { busy: 1 } }, [
      '13900002101',
      '13900002102',
    ]);
    const agent = await signIn(gateway, '1002');
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'retry' })).toMatchObject({ code: 0 });
    await expect
      .poll(async () => (await tasks.get('retry')).progress, { timeout: 8_000 })
      .toEqual({ total: 2, dialled: 2, remaining: 0, outcomes: { busy: 1, answered: 1 } });
    expect(await callsTo(agent)).toEqual(['13900002101', '13900002102', '13900002101']);
    const rows = await tasks.results('retry');
    expect(rows.map((row) => [row.number, row.attempts, row.lastOutcome, row.state])).toEqual([
      ['13900002101', '2', 'busy', 'done'],
      ['13900002102', '1', 'answered', 'done'],
    ]);
  });

  it("dials only within the task's calling hours, not while paused, and never a do-not-call number", async () => {
    await answersBriefly('13900002201');
    await answersBriefly('13900002202');
    await answersBriefly('13900002203');
    const now = Date.now();
    await tasks.create({ taskId: 'hours', name: 'Hours', mode: 'progressive', callingHours: callingHoursAround(now, 12) }, [
      '13900002201',
      '13900002202',
    ]);
    const agent = await signIn(gateway, '1003');
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'hours' })).toMatchObject({ code: 0 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await callsTo(agent)).toEqual([]);

    await tasks.patch('hours', { paused: true, callingHours: callingHoursAround(now) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await callsTo(agent)).toEqual([]);

    await tasks.patch('hours', { paused: false, doNotCall: ['13900002201'] });
    await agent.log.waitFor('sessionTerminate');
    await tasks.addNumbers('hours', ['13900002203']);
    await expect
      .poll(async () => (await tasks.get('hours')).progress)
      .toEqual({ total: 3, dialled: 2, remaining: 0, outcomes: { answered: 2, doNotCall: 1 } });
    expect(await callsTo(agent)).toEqual(['13900002202', '13900002203']);
  });
});

describe('dialer events', () => {
  it("tells the agent and the supervisors when a task starts, each number's outcome, and when the task finishes or pauses", async () => {
    await answersBriefly('13900002301');
    await sim.setBehaviour('13900002302', { behavior: 'busy' });
    await tasks.create({ taskId: 'events', name: 'Events', mode: 'progressive', retryDelaySeconds: {} }, ['13900002301', '13900002302']);
    const supervisor = await signIn(gateway, '1008');
    const agent = await signIn(gateway, '1004');
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'events' })).toMatchObject({ code: 0 });
    for (const client of [agent, supervisor]) {
      expect(await client.log.waitFor('dialerTask', (e) => e.change === 'started')).toMatchObject({
        taskId: 'events',
        agentNo: '1004',
        mode: 'progressive',
        paused: false,
      });
    }
    const answered = await supervisor.log.waitFor('dialerNumberOutcome', (e) => e.number === '13900002301');
    expect(answered).toMatchObject({ taskId: 'events', outcome: 'answered', attempts: 1, agentNo: '1004' });
    expect(answered.nextAttemptAt).toBeUndefined();
    expect(await agent.log.waitFor('dialerNumberOutcome', (e) => e.number === '13900002302')).toMatchObject({
      outcome: 'busy',
      attempts: 1,
    });
    for (const client of [agent, supervisor]) {
      expect(await client.log.waitFor('dialerTask', (e) => e.change === 'finished')).toMatchObject({
        taskId: 'events',
        progress: { total: 2, dialled: 2, remaining: 0, outcomes: { answered: 1, busy: 1 } },
      });
    }
    const names = agent.log.names();
    expect(names.indexOf('startAutoObCallTaskResp')).toBeLessThan(names.indexOf('dialerTask'));

    expect(await agent.sdk.pauseAutoObCallTask({ taskId: 'events' })).toMatchObject({ code: 0 });
    expect(await supervisor.log.waitFor('dialerTask', (e) => e.change === 'paused')).toMatchObject({ agentNo: '1004' });
    await tasks.patch('events', { paused: true });
    expect(await supervisor.log.waitFor('dialerTask', (e) => e.change === 'paused' && e.agentNo === undefined)).toMatchObject({
      paused: true,
    });
  });
});

describe('preview tasks', () => {
  it("marks a preview number done once its agent has called it, with the number's variables on the screen pop", async () => {
    await answersBriefly('13900002401');
    await tasks.create({ taskId: 'survey', name: 'Survey', mode: 'preview' }, [
      { number: '13900002401', variables: { customerName: 'Grace' } },
      { number: '13900002402' },
    ]);
    const supervisor = await signIn(gateway, '1008');
    const listed = async () => ((await supervisor.sdk.ListPreviewDialingTask()) as any).tasks.find((task: any) => task.taskId === 'survey');
    expect(await listed()).toMatchObject({ remaining: 2, numbers: ['13900002401', '13900002402'] });

    const agent = await signIn(gateway, '1006');
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'survey' })).toMatchObject({ code: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent.log.of('sessionInit')).toEqual([]);
    expect(await agent.sdk.previewObCall({ customerNumber: '13900002401' })).toMatchObject({ code: 0 });
    const init = await agent.log.waitFor('sessionInit');
    expect(init.chanVariables).toEqual([{ name: 'customerName', value: 'Grace', type: 2 }]);
    await agent.log.waitFor('sessionTerminate');
    await expect
      .poll(async () => (await tasks.get('survey')).progress)
      .toEqual({ total: 2, dialled: 1, remaining: 1, outcomes: { answered: 1 } });
    expect(await listed()).toMatchObject({ remaining: 1, numbers: ['13900002402'] });
  });
});

describe('preview numbers one at a time', () => {
  it('holds the next number with its variables for the agent, records a skip, and a call of the held number', async () => {
    await answersBriefly('13900002502');
    await tasks.create({ taskId: 'callbacks', name: 'Callbacks', mode: 'preview' }, [
      { number: '13900002501', variables: { customerName: 'Ada' } },
      { number: '13900002502', variables: { customerName: 'Bob' } },
    ]);
    const agent = await signIn(gateway, '1005');
    expect(await agent.sdk.getPreviewNumber({ taskId: 'callbacks' })).toMatchObject({ code: -1, errorCode: 30006 });
    expect(await agent.sdk.getPreviewNumber({ taskId: 'vars' })).toMatchObject({ code: -1, errorCode: 20000 });
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'callbacks' })).toMatchObject({ code: 0 });

    const first = await agent.sdk.getPreviewNumber({ taskId: 'callbacks' });
    expect(first).toMatchObject({
      code: 0,
      taskId: 'callbacks',
      number: '13900002501',
      variables: [{ name: 'customerName', value: 'Ada', type: 2 }],
      attempts: 0,
      remaining: 2,
    });
    // Asked again, the agent gets the number it holds.
    expect(await agent.sdk.getPreviewNumber({ taskId: 'callbacks' })).toMatchObject({ number: '13900002501' });
    expect(await agent.sdk.skipPreviewNumber({ taskId: 'callbacks', number: '13900002502' })).toMatchObject({ code: -1, errorCode: 30006 });
    expect(await agent.sdk.skipPreviewNumber({ taskId: 'callbacks', number: '13900002501' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('dialerNumberOutcome', (e) => e.number === '13900002501')).toMatchObject({
      outcome: 'skipped',
      attempts: 0,
      agentNo: '1005',
    });

    const second = await agent.sdk.getPreviewNumber({ taskId: 'callbacks' });
    expect(second).toMatchObject({ number: '13900002502', remaining: 1 });
    expect(await agent.sdk.previewObCall({ customerNumber: '13900002502' })).toMatchObject({ code: 0 });
    expect((await agent.log.waitFor('sessionInit')).chanVariables).toEqual([{ name: 'customerName', value: 'Bob', type: 2 }]);
    await agent.log.waitFor('dialerTask', (e) => e.taskId === 'callbacks' && e.change === 'finished');
    expect((await tasks.get('callbacks')).progress).toEqual({ total: 2, dialled: 1, remaining: 0, outcomes: { answered: 1, skipped: 1 } });
    expect(await agent.sdk.getPreviewNumber({ taskId: 'callbacks' })).toMatchObject({ code: 0, taskId: 'callbacks', remaining: 0 });
  });
});
