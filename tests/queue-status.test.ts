/**
 * getQueueStatus (spec 7.8): each watched queue's parameters, agent statuses and waiting callers, against a known
 * day: a completed call, an abandoned one, two callers waiting while nobody of their queue is idle.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { succeeded } from './helpers/responses.js';
import { offlineAgent, type AgentRecord } from '../packages/gateway/src/domain/agent.js';
import type { CallRecord } from '../packages/gateway/src/domain/call.js';
import { queueStatusOf, sectionsOf } from '../packages/gateway/src/domain/queue-status.js';

let gateway: TestGateway;
let sim: SimulatorApi;
let supervisor: TestClient;
const waiting: string[] = [];

/**
 * 1001 (queues 0, 1) answers a call of queue 0 and is in wrap-up; 1002 (0, 1) is busy; 1003 (0, 2) is idle.
 * Queue 1: one caller abandoned, two wait (nobody of queue 1 is idle).
 */
beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
  supervisor = await signIn(gateway, '1008', { initialStatus: 2, pauseDescription: 'MEETING' });

  const first = await signIn(gateway, '1001');
  const completed = await sim.inbound('0', '13800000001');
  await first.log.waitFor('agentStatus', (s) => s.state === 'talking');
  await sim.hangup(completed);
  await first.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
  await signIn(gateway, '1002', { initialStatus: 2, pauseDescription: 'LUNCH' });
  await signIn(gateway, '1003');

  const abandoned = await sim.inbound('1', '13800000002');
  await waitUntilQueued(abandoned);
  await sim.hangup(abandoned);
  await vi.waitFor(async () => expect((await queueOne()).queueParams.abandoned).toBe(1));

  for (const from of ['13800000003', '13800000004']) {
    const callId = await sim.inbound('1', from);
    await waitUntilQueued(callId);
    waiting.push(callId);
  }
});
afterAll(async () => {
  closeClients();
  await gateway.close();
});

async function queueOne(): Promise<any> {
  const response = succeeded(await supervisor.sdk.getQueueStatus({ queueNos: ['1'] }));
  return response.queueStatus?.['1'];
}

async function waitUntilQueued(callId: string): Promise<void> {
  await vi.waitFor(async () => expect((await queueOne()).queueEntries.map((entry: any) => entry.uniqueId)).toContain(callId));
}

describe('getQueueStatus', () => {
  it('answers with the action queueStatus and every watched queue, every section, by default', async () => {
    const response = succeeded(await supervisor.sdk.getQueueStatus());
    expect(response).toMatchObject({ action: 'queueStatus', code: 0, message: 'ok' });
    expect(Object.keys(response.queueStatus ?? {})).toEqual(['0', '1', '2']);
    for (const entry of Object.values(response.queueStatus ?? {})) {
      expect(Object.keys(entry).sort()).toEqual(['agentStatuses', 'queueEntries', 'queueParams']);
    }
  });

  it("counts the callers waiting, the agents signed in and idle, and today's completed and abandoned calls", async () => {
    const { queueStatus } = succeeded(await supervisor.sdk.getQueueStatus({ queueNos: [0, 1], fields: 'queueParams' }));
    expect(queueStatus?.['1']?.queueParams).toMatchObject({
      calls: 2,
      availableCount: 2,
      idleCount: 0,
      completed: 0,
      abandoned: 1,
      serviceLevel: 20,
      serviceLevelPerf: 100,
      weight: 1,
      strategy: 'longest-idle',
      queueTimeout: 600,
      memberTimeout: 20,
    });
    expect(queueStatus?.['1']?.queueParams?.maxWait).toBeGreaterThanOrEqual(0);
    expect(queueStatus?.['0']?.queueParams).toMatchObject({
      calls: 0,
      maxWait: 0,
      availableCount: 3,
      idleCount: 1,
      completed: 1,
      abandoned: 0,
      serviceLevelPerf: 100,
    });
  });

  it('lists every agent of the queue with its live state, offline agents included', async () => {
    const { queueStatus } = succeeded(await supervisor.sdk.getQueueStatus({ queueNos: ['1'], fields: 'agentStatuses' }));
    const statuses = queueStatus?.['1']?.agentStatuses ?? [];
    expect(statuses.map(({ agentNo, state, loginStatus, deviceStatus }) => ({ agentNo, state, loginStatus, deviceStatus }))).toEqual([
      { agentNo: '1001', state: 'wrapup', loginStatus: 3, deviceStatus: 0 },
      { agentNo: '1002', state: 'busy', loginStatus: 2, deviceStatus: 0 },
      { agentNo: '1004', state: 'offline', loginStatus: 0, deviceStatus: 0 },
      { agentNo: '1006', state: 'offline', loginStatus: 0, deviceStatus: 0 },
    ]);
    for (const status of statuses) expect(typeof status.stateSince).toBe('number');
  });

  it('lists the waiting callers oldest first', async () => {
    const { queueStatus } = succeeded(await supervisor.sdk.getQueueStatus({ queueNos: ['1'], fields: 'queueEntries' }));
    const entries = queueStatus?.['1']?.queueEntries ?? [];
    expect(entries).toMatchObject([
      { customerNumber: '13800000003', uniqueId: waiting[0], position: 1, priority: 0, overflow: false },
      { customerNumber: '13800000004', uniqueId: waiting[1], position: 2, priority: 0, overflow: false },
    ]);
    for (const entry of entries) {
      expect(entry.joinTime).toBeGreaterThanOrEqual(entry.startTime);
      expect(entry.waitTime).toBeGreaterThanOrEqual(0);
    }
    expect(entries[0]!.joinTime).toBeLessThanOrEqual(entries[1]!.joinTime);
  });

  it('answers only the queues and sections asked for', async () => {
    const { queueStatus } = succeeded(await supervisor.sdk.getQueueStatus({ queueNos: ['2', 0], fields: 'queueParams, agentStatuses' }));
    expect(Object.keys(queueStatus ?? {}).sort()).toEqual(['0', '2']);
    expect(Object.keys(queueStatus?.['2'] ?? {}).sort()).toEqual(['agentStatuses', 'queueParams']);
    expect(queueStatus?.['2']?.agentStatuses?.map((status) => status.agentNo)).toEqual(['1003', '1004', '1007']);
    expect(queueStatus?.['2']?.queueParams).toMatchObject({ strategy: 'round-robin', memberTimeout: 25, idleCount: 1 });
  });

  it('refuses an unknown queue as a bad parameter, naming it', async () => {
    const response = await supervisor.sdk.getQueueStatus({ queueNos: ['1', '9'] });
    expect(response).toMatchObject({ action: 'queueStatus', code: -1, errorCode: 20000 });
    expect(response.message).toContain('queue 9');
  });
});

describe('getQueueStatus for a supervisor watching some of its queues', () => {
  it('answers only the watched queues, and refuses the others', async () => {
    const partial = await signIn(gateway, '1008', { qids: 'demo:2', initialStatus: 2, pauseDescription: 'MEETING' });
    expect(Object.keys(succeeded(await partial.sdk.getQueueStatus()).queueStatus)).toEqual(['2']);
    const refused = await partial.sdk.getQueueStatus({ queueNos: ['2', '1'] });
    expect(refused).toMatchObject({ code: -1, errorCode: 20016, message: 'permission denied: queue 1 is not a queue you supervise' });
  });
});

describe('queue status computation', () => {
  const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
  const YESTERDAY = NOW - 24 * 3_600_000;

  function call(changes: Partial<CallRecord>): CallRecord {
    return {
      callId: 'c',
      tenantId: 'demo',
      callType: 1,
      phase: 'ended',
      queueNo: '0',
      customerNumber: '13800000000',
      variables: [],
      backupNumbers: [],
      customerAnswerTimeoutMs: 0,
      wrapupSeconds: 30,
      held: false,
      muted: { in: false, out: false },
      declinedBy: [],
      cdrIsAsr: 1,
      legs: [],
      createdAt: NOW - 60_000,
      queuedAt: NOW - 60_000,
      ...changes,
    };
  }

  it("rates the service level by today's answered calls, counts a queue timeout as abandoned, and forgets yesterday", async () => {
    const tenant = await demoTenant();
    const talking: AgentRecord = { ...offlineAgent('demo', '1001', 0), loginStatus: 1, deviceStatus: 4, stateSince: NOW - 5_000 };
    const status = queueStatusOf(
      {
        tenant,
        agents: [talking],
        activeCalls: [
          call({ callId: 'talking', phase: 'connected', answeredAt: NOW - 30_000, queuedAt: NOW - 40_000 }),
          call({ callId: 'waiting', phase: 'queued', createdAt: NOW - 95_500, queuedAt: NOW - 90_500 }),
          call({ callId: 'elsewhere', phase: 'queued', queueNo: '1' }),
        ],
        endedToday: [
          call({ callId: 'slow', outcome: 'completed', answeredAt: NOW - 100_000, queuedAt: NOW - 130_000, endedAt: NOW - 50_000 }),
          call({ callId: 'timedOut', outcome: 'queueTimeout', endedAt: NOW - 10_000 }),
          call({
            callId: 'yesterday',
            outcome: 'completed',
            answeredAt: YESTERDAY,
            queuedAt: YESTERDAY - 60_000,
            endedAt: NOW - 3_600_000,
          }),
        ],
        now: NOW,
      },
      ['0', '7'],
      sectionsOf(undefined),
    );
    expect(Object.keys(status)).toEqual(['0']);
    // Answered today: "talking" within 20 s of joining, "slow" after 30 s; "yesterday" was answered yesterday.
    expect(status['0']?.queueParams).toMatchObject({
      calls: 1,
      maxWait: 90,
      completed: 2,
      abandoned: 1,
      serviceLevelPerf: 50,
      availableCount: 1,
      idleCount: 0,
    });
    expect(status['0']?.queueEntries).toEqual([
      {
        customerNumber: '13800000000',
        startTime: NOW - 95_500,
        joinTime: NOW - 90_500,
        waitTime: 90,
        priority: 0,
        uniqueId: 'waiting',
        overflow: false,
        position: 1,
      },
    ]);
    expect(status['0']?.agentStatuses?.[0]).toEqual({
      agentNo: '1001',
      loginStatus: 1,
      deviceStatus: 4,
      state: 'talking',
      stateSince: NOW - 5_000,
    });
  });

  it('reads fields as comma-separated sections, all of them when absent', () => {
    expect(sectionsOf(undefined)).toEqual(['queueParams', 'agentStatuses', 'queueEntries']);
    expect(sectionsOf('queueEntries, queueParams')).toEqual(['queueParams', 'queueEntries']);
  });
});
