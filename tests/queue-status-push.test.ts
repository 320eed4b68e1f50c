/**
 * Live queue status: a supervisor is pushed `queueStatus` when an agent or a call of a watched queue changes, without
 * polling, at most once per interval, and not at all for changes elsewhere. Time is a manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';
import { WatchedClock } from './helpers/watched-clock.js';

const INTERVAL_MS = 500;

let gateway: TestGateway;
let sim: SimulatorApi;
let clock: WatchedClock;
/** Watches queue 2 only. */
let supervisor: TestClient;

beforeAll(async () => {
  clock = new WatchedClock(Date.now());
  gateway = await startTestGateway({ clock, queueStatusIntervalMs: INTERVAL_MS });
  sim = simulatorApi(gateway);
});
afterAll(async () => {
  closeClients();
  await gateway.close();
});

/** No more pushes than `count` come: a bounded wait, as there is no event to wait for. */
const noPushBeyond = (count: number) => expectNothingWithin(60, () => expect(pushes()).toHaveLength(count));
/** The supervisor never asks (no getQueueStatus here): every queueStatus event is a push. */
const pushes = () => supervisor.log.of('queueStatus');
const statusOf = (push: any, agentNo: string) => push.queueStatus['2'].agentStatuses.find((status: any) => status.agentNo === agentNo);

describe('queueStatus push', () => {
  it("pushes nothing for the supervisor's own sign-in", async () => {
    supervisor = await signIn(gateway, '1008', { qids: 'demo:2', initialStatus: 2, pauseDescription: 'MEETING' });
    await noPushBeyond(0);
  });

  it('pushes the first change at once, with every section of every watched queue', async () => {
    await signIn(gateway, '1003'); // queues 0 and 2
    const push = await supervisor.log.waitFor('queueStatus');
    expect(push).toMatchObject({ eventType: 'queueStatus', action: 'queueStatus', code: 0 });
    expect(Object.keys(push.queueStatus)).toEqual(['2']);
    expect(Object.keys(push.queueStatus['2']).sort()).toEqual(['agentStatuses', 'queueEntries', 'queueParams']);
    expect(statusOf(push, '1003')).toMatchObject({ state: 'idle' });
  });

  it('holds later changes until the interval is over, then pushes them together', async () => {
    const mark = clock.mark();
    const agent = await signIn(gateway, '1007'); // queue 2
    await agent.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' });
    // The feed hears of a status before the agent does; the changes wait for the end of the interval.
    await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'pause');
    await clock.armedIn(INTERVAL_MS, mark);
    expect(pushes()).toHaveLength(1);

    clock.advance(INTERVAL_MS - 1);
    expect(clock.isArmed(1)).toBe(true);
    expect(pushes()).toHaveLength(1);

    clock.advance(1);
    await supervisor.log.waitFor('queueStatus', () => pushes().length === 2);
    expect(statusOf(pushes()[1], '1007')).toMatchObject({ state: 'busy' });
    await noPushBeyond(2);
  });

  it('pushes nothing when nothing changed, or only a queue the supervisor does not watch', async () => {
    clock.advance(INTERVAL_MS);
    await noPushBeyond(2);
    await signIn(gateway, '1005'); // queue 0 only
    await noPushBeyond(2);
    clock.advance(INTERVAL_MS);
    await noPushBeyond(2);
  });

  it('pushes a caller joining a watched queue', async () => {
    clock.advance(INTERVAL_MS);
    await signIn(gateway, '1003', { initialStatus: 2, pauseDescription: 'MEETING' }); // nobody of queue 2 idle now
    await supervisor.log.waitFor('queueStatus', () => pushes().length === 3);
    const mark = clock.mark();
    const callId = await sim.inbound('2', '13800138020');
    await clock.armedIn(INTERVAL_MS, mark); // the caller waits for the end of the interval
    expect(pushes()).toHaveLength(3);

    clock.advance(INTERVAL_MS);
    await supervisor.log.waitFor('queueStatus', () => pushes().length === 4);
    const queue = pushes()[3].queueStatus['2'];
    expect(queue.queueParams).toMatchObject({ calls: 1, idleCount: 0 });
    expect(queue.queueEntries).toMatchObject([{ uniqueId: callId, customerNumber: '13800138020', position: 1 }]);
  });
});
