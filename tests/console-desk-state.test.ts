/**
 * The console's desk state (apps/console/src/state): a pure reducer of SDK events. These are the event sequences the
 * gateway sends for the key flows, and what the desktop must make of them.
 */
import { describe, expect, it } from 'vitest';
import type { EventName } from '@agentsdk/sdk';
import {
  INITIAL_DESK_STATE,
  deskTransition,
  type DeskAction,
  type DeskState,
  type SdkEventAction,
} from '../apps/console/src/state/desk-state.js';

const CALL = { callId: 'c1', callType: 1, customerNumber: '13800138000', queueNo: '0', chanVariables: [] };

function status(state: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { tenantId: 'demo', agentNo: '1005', state, stateAction: 'login', loginStatus: 1, deviceStatus: 0, stateSince: 1_000, ...extra };
}

let at = 10_000;

/** Applies events `[name, payload]` (or local actions) in order, one millisecond apart. Payloads hold what the flow needs. */
function play(steps: ([EventName, Record<string, unknown>] | DeskAction)[], from: DeskState = INITIAL_DESK_STATE): DeskState {
  return steps.reduce<DeskState>((state, step) => {
    at += 1;
    const action: DeskAction = Array.isArray(step)
      ? ({ type: 'sdkEvent', name: step[0], payload: step[1], at } as unknown as SdkEventAction)
      : step;
    return deskTransition(state, action);
  }, from);
}

describe('desk state', () => {
  it('follows an inbound call from the offer to its end', () => {
    const offered = play([
      ['agentStatus', status('ringing', { callId: 'c1', callType: 1, deviceStatus: 2 })],
      ['ringing', { ...CALL, chanVariables: [{ name: 'vip', value: 'yes' }] }],
    ]);
    expect(offered.offer).toMatchObject({ callId: 'c1', customerNumber: '13800138000', chanVariables: [{ name: 'vip', value: 'yes' }] });

    const talking = play(
      [
        ['sessionInit', CALL],
        ['callBridged', CALL],
        ['callHeld', CALL],
        ['callMuted', { ...CALL, direction: 'out', muted: { in: false, out: true } }],
      ],
      offered,
    );
    expect(talking.offer).toBeUndefined();
    expect(talking.call).toMatchObject({
      phase: 'connected',
      held: true,
      muted: { in: false, out: true },
      chanVariables: [{ name: 'vip', value: 'yes' }],
    });

    const ended = play(
      [
        ['sessionTerminate', { ...CALL, side: 'customer', reason: 'hangup', outcome: 'completed' }],
        ['agentStatus', status('wrapup', { loginStatus: 3 })],
      ],
      talking,
    );
    expect(ended.call).toBeUndefined();
    expect(ended.lastEnded).toMatchObject({ callId: 'c1', outcome: 'completed', side: 'customer' });
    expect(ended.lastEnded?.talkedMs).toBeGreaterThan(0);
    expect(ended.endedCount).toBe(1);
  });

  it('reports a rejected offer by its reason', () => {
    const state = play([
      ['ringing', CALL],
      ['sessionTerminate', { ...CALL, side: 'agent', reason: 'rejected' }],
    ]);
    expect(state.offer).toBeUndefined();
    expect(state.lastEnded).toMatchObject({ outcome: 'rejected' });
  });

  it('shows preview outbound progress until the customer is bridged', () => {
    const preview = { ...CALL, callId: 'p1', callType: 4 };
    const state = play([
      { type: 'previewRequested', customerNumber: '13800138000', at: 10_000 },
      ['previewObCallResult', { ...preview, result: 'success', message: 'dialing' }],
      ['agentStatus', status('ringing', { callId: 'p1', callType: 4 })],
      ['sessionInit', preview],
      ['previewObCallStart', { ...preview, attempt: 1 }],
      ['previewObCallRinging', preview],
    ]);
    expect(state.call).toMatchObject({ callId: 'p1', phase: 'dialing' });
    expect(state.preview?.steps.map((step) => step.name)).toEqual(['requested', 'result', 'agentAnswered', 'start', 'ringing']);

    const bridged = play([['previewObCallBridge', preview]], state);
    expect(bridged.call).toMatchObject({ phase: 'connected' });
    expect(bridged.call?.talkingSince).toBeDefined();
  });

  it('connects an internal call the agent placed only when the colleague answers', () => {
    const internal = { callId: 'i1', callType: 9, customerNumber: '13600001002', calleeAgentNo: '1002', chanVariables: [] };
    const calling = play([['sessionInit', internal]]);
    expect(calling.call).toMatchObject({ phase: 'dialing' });
    expect(play([['callBridged', internal]], calling).call).toMatchObject({ phase: 'connected' });
    // The colleague's side is connected at once.
    expect(play([['sessionInit', { ...internal, callerAgentNo: '1005' }]]).call).toMatchObject({ phase: 'connected' });
  });

  it('keeps a consultation going while the agent switches back to the caller', () => {
    const target = { ...CALL, targetType: 1, target: '1001' };
    const consulting = play([
      ['sessionInit', CALL],
      { type: 'consultStarted', targetType: 1, target: '1001', at: 10_000 },
      ['atxferStart', target],
      ['atxferLink', target],
    ]);
    expect(consulting.consult).toMatchObject({ target: '1001', targetType: 1, phase: 'talking' });
    const withCaller = play([['atxferEnded', { ...target, reason: 'resume' }]], consulting);
    expect(withCaller.consult).toMatchObject({ phase: 'withCaller' });
    const threeway = play([['threewayAtxferResult', { ...target, result: 'success' }]], withCaller);
    expect(threeway.consult).toMatchObject({ phase: 'threeway' });
    expect(play([['atxferThreewayUnlink', { reason: 'hangup', party: 'target' }]], threeway).consult).toBeUndefined();
    expect(consulting.consult?.phase).toBe('talking');
  });

  it('gives the consulted agent the call once the transfer completes', () => {
    const consulted = { ...CALL, consultingAgentNo: '1005' };
    const consulting = play([
      ['ringing', consulted],
      ['sessionInit', consulted],
    ]);
    expect(consulting.call).toMatchObject({ phase: 'connected', consultingAgentNo: '1005' });
    const transferred = play([['callBridged', { ...CALL, transferredBy: '1005' }]], consulting);
    expect(transferred.call).toMatchObject({ phase: 'connected', transferredBy: '1005', customerNumber: '13800138000' });
    expect(transferred.call?.consultingAgentNo).toBeUndefined();
    expect(transferred.call?.talkingSince).toBe(consulting.call?.talkingSince);
  });

  it('remembers a failed consultation', () => {
    const state = play([
      ['sessionInit', CALL],
      ['atxferStart', { targetType: 0, target: '13900000000' }],
      ['atxferError', { targetType: 0, target: '13900000000', reason: 'busy' }],
    ]);
    expect(state.consult).toBeUndefined();
    expect(state.consultFailure).toEqual({ target: '13900000000', reason: 'busy' });
  });

  it('tracks monitoring on both sides: the supervisor and the monitored agent', () => {
    const supervisor = play([
      ['agentStatus', status('idle', { agentNo: '1008' })],
      { type: 'monitorStarted', mode: 'spy', agentNo: '1001', at: 10_000 },
      ['spyLink', { supervisorNo: '1008', agentNo: '1001' }],
      ['spyUnlink', { supervisorNo: '1008', agentNo: '1001', reason: 'switched' }],
      ['whisperLink', { supervisorNo: '1008', agentNo: '1001' }],
    ]);
    expect(supervisor.monitor).toMatchObject({ mode: 'whisper', agentNo: '1001', linked: true });
    expect(play([['whisperUnlink', { supervisorNo: '1008', agentNo: '1001', reason: 'hangup' }]], supervisor).monitor).toBeUndefined();

    const agent = play([
      ['agentStatus', status('talking', { agentNo: '1001', callId: 'c1' })],
      ['bargeLink', { supervisorNo: '1008', agentNo: '1001' }],
    ]);
    expect(agent.monitoredBy).toEqual({ mode: 'barge', supervisorNo: '1008' });
    expect(agent.monitor).toBeUndefined();
  });

  it('tells the agent a whisper ended without saying whether the supervisor still listens', () => {
    const whispered = play([
      ['agentStatus', status('talking', { agentNo: '1001', callId: 'c1' })],
      ['whisperLink', { supervisorNo: '1008', agentNo: '1001' }],
      ['agentStatus', status('talking', { agentNo: '1001', callId: 'c1', monitoredBy: { supervisorNo: '1008', mode: 'whisper' } })],
    ]);
    expect(whispered.monitoredBy).toEqual({ mode: 'whisper', supervisorNo: '1008' });
    const ended = play(
      [
        ['whisperUnlink', { supervisorNo: '1008', agentNo: '1001', reason: 'hangup' }],
        ['agentStatus', status('talking', { agentNo: '1001', callId: 'c1' })],
      ],
      whispered,
    );
    expect(ended.monitoredBy).toBeUndefined();
    expect(ended.supervisorNotice?.text).toBe('Your supervisor stopped whispering to you. The caller never heard the whisper.');
    expect(ended.supervisorNotice?.text).not.toMatch(/listen/i);
    // A snapshot without `monitoredBy` clears a mode on its own too.
    expect(play([['agentStatus', status('talking', { agentNo: '1001', callId: 'c1' })]], whispered).monitoredBy).toBeUndefined();
  });

  it('shows a call that was already up when this desktop signed in', () => {
    const state = play([['agentStatus', status('talking', { callId: 'c9', callType: 1, deviceStatus: 4, stateSince: 5_000 })]]);
    expect(state.call).toMatchObject({ callId: 'c9', phase: 'connected', takenOver: true, talkingSince: 5_000 });
    expect(play([['agentStatus', status('idle')]], state).call).toBeUndefined();
  });

  it('reports the connection, reconnect attempts and the end of the session', () => {
    const reconnecting = play([
      ['connectionState', { state: 'reconnecting', reason: 'dropped' }],
      ['reconnectAttempt', { attempt: 3, delayMs: 2000 }],
    ]);
    expect(reconnecting.connection).toEqual({ state: 'reconnecting', reason: 'dropped', attempt: 3 });
    expect(play([['connectionState', { state: 'open' }]], reconnecting).connection).toEqual({ state: 'open' });
    expect(play([['kickOut', { reason: 'loggedInElsewhere', sessionId: 's' }]]).sessionEnd?.reason).toBe('kickOut');
  });

  it('says why the session ended when a sign-out that waited for the call happens, and only then', () => {
    const signedOut = ['agentStatus', status('offline', { stateAction: 'logout', loginStatus: 0 })] as [EventName, Record<string, unknown>];
    const waited = play([['agentStatus', status('wrapup', { loginStatus: 3 })], { type: 'logoutDeferred' }, signedOut]);
    expect(waited.sessionEnd).toEqual({
      reason: 'logout',
      message: 'You are signed out: the call and its wrap-up you were finishing are over.',
    });
    // Signing out at once ends where the agent clicked: no notice.
    expect(play([['agentStatus', status('idle')], signedOut]).sessionEnd).toBeUndefined();
  });

  it('restarts the state timer when the state changes but stateSince does not', () => {
    const ringing = play([
      ['agentStatus', status('idle', { stateSince: 1_000 })],
      ['agentStatus', status('ringing', { stateSince: 2_000, callId: 'c1' })],
    ]);
    expect(ringing.stateEnteredAt).toBe(2_000);
    const back = play([['agentStatus', status('idle', { stateSince: 2_000 })]], ringing);
    expect(back.stateEnteredAt).toBe(at);
    expect(play([['agentStatus', status('idle', { stateSince: 2_000, stateAction: 'heartbeat' })]], back).stateEnteredAt).toBe(
      back.stateEnteredAt,
    );
  });

  it('tells the agent what a supervisor did', () => {
    expect(
      play([['agentStatus', status('busy', { stateAction: 'setPause', pauseDescription: 'supervisor' })]]).supervisorNotice?.text,
    ).toMatch(/^A supervisor set you to Busy/);
    expect(
      play([['sessionTerminate', { ...CALL, side: 'system', reason: 'supervisor', outcome: 'completed' }]]).supervisorNotice?.text,
    ).toBe('A supervisor ended your call.');
    expect(
      play([['forcedLogout', { reason: 'supervisor', sessionId: 's', message: 'session ended by supervisor' }]]).sessionEnd?.message,
    ).toMatch(/^A supervisor signed you out/);
  });
});
