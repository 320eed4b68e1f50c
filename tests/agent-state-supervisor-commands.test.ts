/** The agent state machine's supervisor commands (setPause, setUnpause, setOnline, setOffline), pure. */
import { describe, expect, it } from 'vitest';
import { offlineAgent, type AgentRecord } from '../packages/gateway/src/domain/agent.js';
import { transition } from '../packages/gateway/src/domain/agent-state.js';

const endpoint = { endpointType: 1 as const, endpoint: '13600000000' };
const T0 = 1_000;

function signedIn(initialStatus: 1 | 2 | 3 = 1): AgentRecord {
  const pause = initialStatus === 2 ? { pauseType: 2, pauseDescription: 'LUNCH' } : undefined;
  const result = transition(
    offlineAgent('demo', '1001', 0),
    { type: 'login', sessionId: 's1', socketOwnerId: 'boot-1', bindEndpoint: endpoint, initialStatus, wrapupSeconds: 30, pause },
    T0,
  );
  if (!result.ok) throw new Error(result.message);
  return result.next;
}

describe('supervisor commands of the agent state machine', () => {
  it('forces a pause from idle, an own pause or wrap-up, and ends wrap-up with it', () => {
    for (const record of [signedIn(1), signedIn(2), signedIn(3)]) {
      const paused = transition(record, { type: 'setPause' }, T0 + 10);
      expect(paused).toMatchObject({
        ok: true,
        next: { loginStatus: 2, pauseType: 4, pauseDescription: 'supervisor', stateAction: 'setPause' },
      });
      expect(paused.ok && paused.effects).toEqual([{ type: 'publishStatus' }]);
      expect(paused.ok && 'wrapupEndsAt' in paused.next).toBe(false);
    }
  });

  it('unpauses to idle and makes the agent available for queue calls', () => {
    const paused = transition(signedIn(2), { type: 'setPause' }, T0 + 10);
    if (!paused.ok) throw new Error(paused.message);
    const idle = transition(paused.next, { type: 'setUnpause' }, T0 + 20);
    expect(idle).toMatchObject({ ok: true, next: { loginStatus: 1, stateAction: 'setUnpause', stateSince: T0 + 20 } });
    expect(idle.ok && idle.effects).toEqual([{ type: 'publishStatus' }, { type: 'available' }]);
  });

  it('refuses an offline agent, an agent in a call, and an idle agent for setUnpause', () => {
    const offline = offlineAgent('demo', '1001', 0);
    for (const type of ['setPause', 'setUnpause', 'setOffline'] as const) {
      const command = type === 'setOffline' ? { type, unbindEndpoint: false } : { type };
      expect(transition(offline, command, T0)).toEqual({ ok: false, error: 'NO_SUCH_AGENT', message: 'no such agent: 1001 is offline' });
      expect(transition({ ...signedIn(2), deviceStatus: 4 }, command, T0)).toEqual({
        ok: false,
        error: 'AGENT_IN_CALL',
        message: 'deviceStatus not in idle',
      });
    }
    expect(transition(signedIn(1), { type: 'setUnpause' }, T0)).toEqual({ ok: false, error: 'ALREADY_IN_STATE', message: 'already ready' });
  });

  it('signs an offline agent in without a session, and refuses a signed-in one', () => {
    const online = transition(offlineAgent('demo', '1001', 0), { type: 'setOnline', bindEndpoint: endpoint }, T0);
    expect(online).toMatchObject({
      ok: true,
      next: { loginStatus: 1, deviceStatus: 0, stateAction: 'setOnline', bindEndpoint: endpoint, loginTime: T0, stateSince: T0 },
    });
    expect(online.ok && online.next.sessionId).toBeUndefined();
    expect(online.ok && online.effects).toEqual([{ type: 'publishStatus' }, { type: 'available' }]);
    expect(transition(signedIn(), { type: 'setOnline', bindEndpoint: endpoint }, T0)).toEqual({
      ok: false,
      error: 'ALREADY_IN_STATE',
      message: 'agent 1001 is already signed in',
    });
  });

  it('signs out, ending the desktop session only when there is one', () => {
    const withDesktop = transition(signedIn(), { type: 'setOffline', unbindEndpoint: true }, T0 + 5);
    expect(withDesktop).toMatchObject({ ok: true, next: { loginStatus: 0, stateAction: 'setOffline' } });
    expect(withDesktop.ok && withDesktop.next.bindEndpoint).toBeUndefined();
    expect(withDesktop.ok && withDesktop.effects).toEqual([
      { type: 'publishStatus' },
      { type: 'endSession', sessionId: 's1', reason: 'supervisor' },
    ]);

    const online = transition(offlineAgent('demo', '1001', 0), { type: 'setOnline', bindEndpoint: endpoint }, T0);
    if (!online.ok) throw new Error(online.message);
    const withoutDesktop = transition(online.next, { type: 'setOffline', unbindEndpoint: false }, T0 + 5);
    expect(withoutDesktop).toMatchObject({
      ok: true,
      next: { loginStatus: 0, bindEndpoint: endpoint },
      effects: [{ type: 'publishStatus' }],
    });
  });
});
