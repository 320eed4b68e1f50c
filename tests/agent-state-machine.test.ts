/** The pure agent state machine: each command's next state, effects and refusals (docs/08-State-Machine.md). */
import { describe, expect, it } from 'vitest';
import { offlineAgent, toAgentStatus, type AgentRecord } from '../packages/gateway/src/domain/agent.js';
import { isAvailable } from '../packages/gateway/src/domain/agent-availability.js';
import { transition } from '../packages/gateway/src/domain/agent-state.js';

const endpoint = { endpointType: 1 as const, endpoint: '13600000000' };
const T0 = 1_000;

function signedIn(initialStatus: 1 | 2 | 3 = 1): AgentRecord {
  const result = transition(
    offlineAgent('demo', '1001', 0),
    {
      type: 'login',
      sessionId: 's1',
      socketOwnerId: 'boot-1',
      bindEndpoint: endpoint,
      initialStatus,
      wrapupSeconds: 30,
      pause: initialStatus === 2 ? { pauseType: 1, pauseDescription: 'MEETING' } : undefined,
    },
    T0,
  );
  if (!result.ok) throw new Error(result.message);
  return result.next;
}

describe('agent state machine', () => {
  it('signs in idle, busy with a reason, or in wrap-up that ends by itself', () => {
    expect(toAgentStatus(signedIn(1))).toMatchObject({
      state: 'idle',
      loginStatus: 1,
      stateAction: 'login',
      stateSince: T0,
      loginTime: T0,
    });
    expect(toAgentStatus(signedIn(2))).toMatchObject({ state: 'busy', loginStatus: 2, pauseType: 1, pauseDescription: 'MEETING' });
    const wrapup = transition(
      offlineAgent('demo', '1001', 0),
      { type: 'login', sessionId: 's1', socketOwnerId: 'boot-1', bindEndpoint: endpoint, initialStatus: 3, wrapupSeconds: 30 },
      T0,
    );
    expect(wrapup.ok && wrapup.effects).toContainEqual({ type: 'scheduleWrapupEnd', at: T0 + 30_000 });
    if (!wrapup.ok) return;
    expect(transition(wrapup.next, { type: 'wrapupEnd' }, T0 + 29_999)).toMatchObject({ ok: false });
    expect(transition(wrapup.next, { type: 'wrapupEnd' }, T0 + 30_000)).toMatchObject({
      ok: true,
      next: { loginStatus: 1, stateAction: 'wrapupEnd' },
    });
  });

  it('kicks the previous session out when the agent signs in again', () => {
    const again = transition(
      signedIn(),
      { type: 'login', sessionId: 's2', socketOwnerId: 'boot-1', bindEndpoint: endpoint, initialStatus: 1, wrapupSeconds: 30 },
      T0 + 5,
    );
    expect(again).toMatchObject({ ok: true, next: { sessionId: 's2' } });
    expect(again.ok && again.effects[0]).toEqual({ type: 'kickOut', sessionId: 's1' });
  });

  it('pauses, changes reason without resetting the time in state, and unpauses', () => {
    const paused = transition(signedIn(), { type: 'pause', pauseType: 1, pauseDescription: 'MEETING' }, T0 + 10);
    expect(paused).toMatchObject({ ok: true, next: { loginStatus: 2, stateSince: T0 + 10, pauseDescription: 'MEETING' } });
    if (!paused.ok) return;
    const lunch = transition(paused.next, { type: 'pause', pauseType: 2, pauseDescription: 'LUNCH' }, T0 + 20);
    expect(lunch).toMatchObject({ ok: true, next: { stateSince: T0 + 10, pauseType: 2, pauseDescription: 'LUNCH' } });
    if (!lunch.ok) return;
    const idle = transition(lunch.next, { type: 'unpause' }, T0 + 30);
    expect(idle).toMatchObject({ ok: true, next: { loginStatus: 1, stateAction: 'unpause', stateSince: T0 + 30 } });
    expect(idle.ok && 'pauseType' in idle.next).toBe(false);
  });

  it('refuses what the state does not allow, with the spec messages', () => {
    const offline = offlineAgent('demo', '1001', 0);
    expect(transition(offline, { type: 'pause', pauseType: 1, pauseDescription: 'busy' }, T0)).toEqual({
      ok: false,
      error: 'NOT_LOGGED_IN',
      message: 'not logined',
    });
    expect(transition(offline, { type: 'logout', mode: 1, unbindEndpoint: false }, T0)).toMatchObject({
      ok: false,
      error: 'NOT_LOGGED_IN',
    });
    expect(transition(signedIn(), { type: 'unpause' }, T0)).toEqual({ ok: false, error: 'ALREADY_IN_STATE', message: 'already ready' });
    const inCall = { ...signedIn(), deviceStatus: 4 as const };
    expect(transition(inCall, { type: 'pause', pauseType: 1, pauseDescription: 'busy' }, T0)).toEqual({
      ok: false,
      error: 'AGENT_IN_CALL',
      message: 'deviceStatus not in idle',
    });
    expect(transition(inCall, { type: 'logout', mode: 1, unbindEndpoint: false }, T0)).toMatchObject({ ok: false, error: 'AGENT_IN_CALL' });
    expect(transition(inCall, { type: 'logout', mode: 2, unbindEndpoint: false }, T0)).toMatchObject({
      ok: true,
      next: { logoutPending: { unbindEndpoint: false } },
      effects: [],
    });
  });

  it('signs out keeping or removing the bound endpoint, and ends the session', () => {
    const kept = transition(signedIn(), { type: 'logout', mode: 1, unbindEndpoint: false }, T0 + 1);
    expect(kept).toMatchObject({ ok: true, next: { loginStatus: 0, bindEndpoint: endpoint } });
    expect(kept.ok && kept.effects).toEqual([{ type: 'publishStatus' }, { type: 'endSession', sessionId: 's1', reason: 'logout' }]);
    const unbound = transition(signedIn(), { type: 'logout', mode: 1, unbindEndpoint: true }, T0 + 1);
    expect(unbound.ok && unbound.next.bindEndpoint).toBeUndefined();
  });

  it('ends a wrap-up left early with pause or unpause by the sign-out a logoutMode 2 waited for', () => {
    const waiting = { ...signedIn(), loginStatus: 3 as const, wrapupEndsAt: T0 + 30_000, logoutPending: { unbindEndpoint: true } };
    for (const command of [{ type: 'unpause' as const }, { type: 'pause' as const, pauseType: 1, pauseDescription: 'busy' }]) {
      const left = transition(waiting, command, T0 + 1);
      expect(left).toMatchObject({ ok: true, next: { loginStatus: 0, stateAction: 'logout' } });
      expect(left.ok && left.next.bindEndpoint).toBeUndefined();
      expect(left.ok && left.effects).toEqual([{ type: 'publishStatus' }, { type: 'endSession', sessionId: 's1', reason: 'logout' }]);
    }
    const { logoutPending: _none, ...noLogoutWaits } = waiting;
    expect(transition(noLogoutWaits, { type: 'unpause' }, T0 + 1)).toMatchObject({ ok: true, next: { loginStatus: 1 } });
  });

  it('ends only the live session when the server ends one', () => {
    expect(transition(signedIn(), { type: 'endSession', sessionId: 'old', reason: 'sessionExpired' }, T0)).toMatchObject({
      ok: false,
      error: 'SESSION_ENDED',
    });
    expect(transition(signedIn(), { type: 'endSession', sessionId: 's1', reason: 'sessionKeyRevoked' }, T0)).toMatchObject({
      ok: true,
      next: { loginStatus: 0, stateAction: 'sessionKeyRevoked' },
    });
  });
});

describe('deferred logout and wrap-up', () => {
  const inCall = (): AgentRecord => ({ ...signedIn(), deviceStatus: 4, callId: 'c1', callType: 1 });

  it('logoutMode 2 waits for the call and its wrap-up, then applies unbindEndpoint', () => {
    const waiting = transition(inCall(), { type: 'logout', mode: 2, unbindEndpoint: true }, T0);
    expect(waiting).toMatchObject({ ok: true, next: { logoutPending: { unbindEndpoint: true } }, effects: [] });
    if (!waiting.ok) return;
    const ended = transition(waiting.next, { type: 'callEnded', callId: 'c1', wrapupSeconds: 30 }, T0 + 1);
    expect(ended).toMatchObject({ ok: true, next: { loginStatus: 3 } });
    if (!ended.ok) return;
    const out = transition(ended.next, { type: 'wrapupEnd' }, T0 + 30_001);
    expect(out).toMatchObject({ ok: true, next: { loginStatus: 0, stateAction: 'logout' } });
    expect(out.ok && out.next.bindEndpoint).toBeUndefined();
  });

  it('logoutMode 2 during wrap-up waits for the wrap-up', () => {
    const wrapup = transition(
      offlineAgent('demo', '1001', 0),
      { type: 'login', sessionId: 's1', socketOwnerId: 'boot-1', bindEndpoint: endpoint, initialStatus: 3, wrapupSeconds: 30 },
      T0,
    );
    if (!wrapup.ok) throw new Error(wrapup.message);
    expect(transition(wrapup.next, { type: 'logout', mode: 2, unbindEndpoint: false }, T0 + 1)).toMatchObject({
      ok: true,
      next: { loginStatus: 3 },
    });
    expect(transition(wrapup.next, { type: 'logout', mode: 1, unbindEndpoint: false }, T0 + 1)).toMatchObject({
      ok: true,
      next: { loginStatus: 0 },
    });
  });

  it('does not end wrap-up in the middle of a call placed during it', () => {
    const wrapup = transition(
      offlineAgent('demo', '1001', 0),
      { type: 'login', sessionId: 's1', socketOwnerId: 'boot-1', bindEndpoint: endpoint, initialStatus: 3, wrapupSeconds: 30 },
      T0,
    );
    if (!wrapup.ok) throw new Error(wrapup.message);
    const dialing = transition(wrapup.next, { type: 'offer', callId: 'c2', callType: 4, requireIdle: false }, T0 + 1);
    if (!dialing.ok) throw new Error(dialing.message);
    expect(transition(dialing.next, { type: 'wrapupEnd' }, T0 + 31_000)).toMatchObject({ ok: false });
  });

  it('offers no queue call to an agent whose socket is gone until it is back, and routes it again then', () => {
    const detached = transition(signedIn(), { type: 'socketDetached', sessionId: 's1', at: T0 + 1 }, T0 + 1);
    if (!detached.ok) throw new Error(detached.message);
    expect(detached.next.detachedSince).toBe(T0 + 1);
    expect(isAvailable(detached.next)).toBe(false);
    expect(transition(detached.next, { type: 'offer', callId: 'c1', callType: 1, requireIdle: true }, T0 + 2)).toMatchObject({
      ok: false,
      error: 'AGENT_BUSY',
    });
    // The agent's own calls (outbound) need no routing: they still go.
    expect(transition(detached.next, { type: 'offer', callId: 'c2', callType: 4, requireIdle: false }, T0 + 2)).toMatchObject({ ok: true });

    const back = transition(detached.next, { type: 'socketAttached', sessionId: 's1', socketOwnerId: 'boot-2' }, T0 + 3);
    expect(detached.effects).toEqual([{ type: 'connectionChanged' }]);
    expect(back).toMatchObject({ ok: true, effects: [{ type: 'connectionChanged' }, { type: 'available' }] });
    expect(back.ok && isAvailable(back.next)).toBe(true);
    expect(back.ok && back.next.socketOwnerId).toBe('boot-2');
  });

  it('is adopted once by a node that finds its socket owner dead, keeping when the socket was lost', () => {
    const adopted = transition(signedIn(), { type: 'sessionAdopted', sessionId: 's1', at: T0 + 1, by: 'boot-2', eventsLost: true }, T0 + 5);
    expect(adopted).toMatchObject({
      ok: true,
      next: { socketOwnerId: 'boot-2', detachedSince: T0 + 1, eventsLost: true },
      effects: [{ type: 'connectionChanged' }],
    });
    expect(
      transition(signedIn(), { type: 'sessionAdopted', sessionId: 'other', at: T0, by: 'boot-2', eventsLost: false }, T0 + 5),
    ).toMatchObject({ ok: false });
    const signedOut = transition(adopted.ok ? adopted.next : signedIn(), { type: 'logout', mode: 1, unbindEndpoint: false }, T0 + 6);
    expect(signedOut.ok && signedOut.next).not.toHaveProperty('detachedSince');
  });
});
