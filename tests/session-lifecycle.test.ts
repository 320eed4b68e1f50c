/** Sessions over time: kick-out, reconnect and resume, replay of missed events, grace expiry, revoked keys. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { simulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { WatchedClock } from './helpers/watched-clock.js';

let gateway: TestGateway;
let clock: WatchedClock;
beforeAll(async () => {
  clock = new WatchedClock(Date.now());
  gateway = await startTestGateway({ clock, resumeGraceMs: 60_000 });
});
afterEach(closeClients);
afterAll(() => gateway.close());

const sessionIdOf = (client: { log: { of(name: 'loginResp'): any[] } }) => client.log.of('loginResp')[0].sessionId as string;

describe('session lifecycle', () => {
  it('kicks the first desktop out when the same agent signs in elsewhere', async () => {
    const first = await signIn(gateway, '1001');
    const second = await signIn(gateway, '1001');
    const kick = await first.log.waitFor('kickOut');
    expect(kick).toEqual({ eventType: 'kickOut', reason: 'loggedInElsewhere', sessionId: sessionIdOf(first) });
    await first.log.waitFor('connectionState', (s) => s.state === 'closed');
    expect(first.log.of('reconnectAttempt')).toEqual([]);
    await expect(first.sdk.pause({ pauseType: 1 })).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED' });
    expect(await second.sdk.pause({ pauseType: 1 })).toMatchObject({ code: 0 });
    expect(second.log.of('kickOut')).toEqual([]);
  });

  it('reconnects after the server drops the socket and resumes the same session', async () => {
    const agent = await signIn(gateway, '1002');
    const sessionId = sessionIdOf(agent);
    const mark = agent.log.entries.length;
    expect(gateway.liveSessions.dropSocket(sessionId)).toBe(true);
    const attempt = await agent.log.waitFor('reconnectAttempt', () => true, mark);
    expect(attempt).toMatchObject({ eventType: 'reconnectAttempt', attempt: 1 });
    expect(attempt.delayMs).toBeGreaterThan(0);
    const resumed = await agent.log.waitFor('agentStatus', () => true, mark);
    expect(resumed).toMatchObject({ agentNo: '1002', state: 'idle' });
    await agent.log.waitFor('connectionState', (s) => s.state === 'open', mark);
    expect(await agent.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' })).toMatchObject({ code: 0 });
    expect(agent.log.of('loginResp')).toHaveLength(1);
    expect(gateway.liveSessions.has(sessionId)).toBe(true);
  });

  it('replays the events a dropped client missed, once, and ends on the current status', async () => {
    const agent = await signIn(gateway, '1003', { initialStatus: 3 });
    const sessionId = sessionIdOf(agent);
    const mark = agent.log.entries.length;
    gateway.liveSessions.dropSocket(sessionId);
    clock.advance(31_000); // wrap-up ends while the client is away
    await agent.log.waitFor('connectionState', (s) => s.state === 'open', mark);
    // The missed transition is replayed once, then the resume snapshot gives the current status.
    const statuses = agent.log.entries
      .slice(mark)
      .filter((e) => e.event === 'agentStatus')
      .map((e) => e.data);
    expect(statuses.map((s) => [s.state, s.stateAction])).toEqual([
      ['idle', 'wrapupEnd'],
      ['idle', 'wrapupEnd'],
    ]);
  });

  it('signs the agent out when the grace period runs out without a resume', async () => {
    const observer = await signIn(gateway, '1004');
    const sessionId = sessionIdOf(observer);
    const mark = clock.mark();
    observer.sdk.close();
    await clock.armedIn(60_000, mark); // the gateway saw the socket go and keeps the session for the grace period
    expect(gateway.liveSessions.has(sessionId)).toBe(true);
    clock.advance(60_000);
    await expect.poll(() => gateway.liveSessions.has(sessionId)).toBe(false);
    const agent = await gateway.services.agents.current('demo', '1004');
    expect(agent).toMatchObject({ loginStatus: 0, stateAction: 'sessionExpired' });
    expect((await gateway.services.store.sessions.get(sessionId))?.endReason).toBe('sessionExpired');
  });

  it('offers no queue call to an agent whose socket is gone, and offers it once the agent resumes', async () => {
    const agent = await signIn(gateway, '1007', {}, { reconnect: { initialDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 5 } });
    const mark = agent.log.entries.length;
    expect(gateway.liveSessions.dropSocket(sessionIdOf(agent))).toBe(true);
    await expect.poll(async () => (await gateway.services.agents.current('demo', '1007')).detachedSince).toBeDefined();

    const callId = await simulatorApi(gateway).inbound('2', '13800138200');
    await expect
      .poll(async () => (await gateway.services.store.calls.listQueued('demo', '2')).map((call) => call.callId))
      .toEqual([callId]);
    expect(agent.log.of('ringing')).toEqual([]);

    await agent.log.waitFor('connectionState', (s) => s.state === 'open', mark);
    expect(await agent.log.waitFor('ringing', () => true, mark)).toMatchObject({ callId });
    await simulatorApi(gateway).hangup(callId);
    await agent.log.waitFor('agentStatus', (s) => s.state === 'idle', mark);
  });

  it('signs out the sessions of a revoked key with forcedLogout', async () => {
    const sessionKey = await gateway.issueKey('1006');
    const target = await signIn(gateway, '1006', { sessionKey });
    const revoked = await gateway.api('DELETE', `/api/v1/tenants/demo/session-keys/${sessionKey}`);
    expect(revoked.body).toEqual({ revoked: true, endedSessions: 1 });
    const forced = await target.log.waitFor('forcedLogout');
    expect(forced).toMatchObject({ eventType: 'forcedLogout', reason: 'sessionKeyRevoked', sessionId: sessionIdOf(target) });
    expect(target.log.of('agentStatus').at(-1)).toMatchObject({ state: 'offline', stateAction: 'sessionKeyRevoked' });
    await target.log.waitFor('connectionState', (s) => s.state === 'closed');
    expect(target.log.of('reconnectAttempt')).toEqual([]);
  });
});

describe('taking over a call', () => {
  it('gives a desktop that signs in during a call the call, held as it is', async () => {
    const { simulatorApi } = await import('./helpers/simulator.js');
    const sim = simulatorApi(gateway);
    await sim.setBehaviour('13600001007', { behavior: 'answer', answerAfterMs: 0 });
    const first = await signIn(gateway, '1007');
    const callId = await sim.inbound('2', '13800138950');
    clock.advance(10);
    await first.log.waitFor('sessionInit');
    expect(await first.sdk.hold()).toMatchObject({ code: 0 });
    const second = await signIn(gateway, '1007');
    expect(await second.log.waitFor('sessionInit')).toMatchObject({ callId, takenOver: true, held: true, customerNumber: '13800138950' });
    expect(second.log.of('agentStatus')[0]).toMatchObject({ state: 'talking', callId });
    expect(await second.sdk.unhold()).toMatchObject({ code: 0 });
    await sim.hangup(callId);
  });
});
