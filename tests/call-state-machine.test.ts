/**
 * The pure call machine (docs/08-State-Machine.md "Calls", docs/10-Key-Flows-Sequence-Diagrams.md): inbound and
 * preview outbound calls, in-call control, timers and the ends a gateway imposes. Transfers and supervisors have
 * their own files (call-state-machine-transfers, call-state-machine-supervisor).
 */
import { describe, expect, it } from 'vitest';
import { PROMPTS } from '../packages/gateway/src/domain/call.js';
import {
  AGENT,
  AGENT_LEG,
  CALL_ID,
  CUSTOMER,
  CUSTOMER_LEG,
  QUEUE,
  T0,
  actions,
  answered,
  arrivingInbound,
  connectedInbound,
  customerLeg,
  dialRequest,
  dialingCustomer,
  ended,
  linkedConsult,
  noticeData,
  notices,
  offer,
  offeringInbound,
  previewOutbound,
  queuedInbound,
  refusal,
  ringing,
  run,
  step,
} from './helpers/call-fixtures.js';

describe('inbound call answered (key flow)', () => {
  it('answers the customer, plays queue music, arms the queue timeout and looks for an agent', () => {
    const { call, effects } = arrivingInbound();
    expect(call).toMatchObject({ phase: 'queued', queueNo: QUEUE, customerLegId: CUSTOMER_LEG, queuedAt: T0, createdAt: T0 });
    expect(effects).toEqual([
      { type: 'answerLeg', legId: CUSTOMER_LEG },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.queueMusic },
      { type: 'schedule', event: 'queueTimeout', delayMs: 60_000 },
      { type: 'route', queueNo: QUEUE },
    ]);
    // The gateway's answer only shows in the call record.
    const { next, effects: onAnswer } = step(call, answered(CUSTOMER_LEG), T0 + 1);
    expect(onAnswer).toEqual([]);
    expect(next).toMatchObject({ phase: 'queued' });
    expect(next.legs[0]?.answeredAt).toBe(T0 + 1);
  });

  it('offers the call: the agent leg is dialled, then rings with `ringing`, then answers with sessionInit and callBridged', () => {
    const offered = step(queuedInbound(), offer());
    expect(offered.next).toMatchObject({ phase: 'offering', agentNo: AGENT, agentLegId: AGENT_LEG });
    expect(offered.effects).toEqual([{ type: 'dial', request: dialRequest(AGENT_LEG, `sip:${AGENT}`) }]);

    const rang = step(offered.next, ringing(AGENT_LEG));
    expect(rang.effects).toEqual([
      { type: 'agent', agentNo: AGENT, command: { type: 'callRinging', callId: CALL_ID } },
      {
        type: 'notify',
        agentNo: AGENT,
        event: {
          event: 'ringing',
          data: expect.objectContaining({ eventType: 'ringing', callId: CALL_ID, queueNo: QUEUE, customerNumber: CUSTOMER }),
        },
      },
    ]);

    const talking = step(rang.next, answered(AGENT_LEG), T0 + 5);
    expect(talking.next).toMatchObject({ phase: 'connected', answeredAt: T0 + 5 });
    expect(talking.next.legs.find((leg) => leg.legId === AGENT_LEG)?.answeredAt).toBe(T0 + 5);
    expect(actions(talking.effects)).toEqual([
      { type: 'connect', legIds: [CUSTOMER_LEG, AGENT_LEG] },
      { type: 'agent', agentNo: AGENT, command: { type: 'callConnected', callId: CALL_ID } },
    ]);
    expect(notices(talking.effects)).toEqual([`${AGENT}: sessionInit`, `${AGENT}: callBridged`]);
  });

  it('the agent hangs up: both legs are hung up, and their end tells the agent and starts its wrap-up', () => {
    const asked = step(connectedInbound(), { type: 'hangup', side: 1, agentNo: AGENT });
    expect(asked.next.endRequested).toEqual({ outcome: 'completed', side: 'agent' });
    expect(asked.effects).toEqual([
      { type: 'hangupLeg', legId: CUSTOMER_LEG, cause: 'normal' },
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
    ]);
    const first = step(asked.next, ended(AGENT_LEG), T0 + 60);
    expect(first.next).toMatchObject({ phase: 'ended', outcome: 'completed', hangupSide: 'agent', endedAt: T0 + 60 });
    expect(first.next.endRequested).toBeUndefined();
    expect(noticeData(first.effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'agent', reason: 'hangup', outcome: 'completed' });
    expect(first.effects).toContainEqual({
      type: 'agent',
      agentNo: AGENT,
      command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 },
    });
    // The other leg's end only completes the call record.
    const second = step(first.next, ended(CUSTOMER_LEG), T0 + 61);
    expect(second.effects).toEqual([]);
    expect(second.next.legs.find((leg) => leg.legId === CUSTOMER_LEG)).toMatchObject({ endedAt: T0 + 61, endCause: 'normal' });
  });

  it('the customer hangs up: the agent leg is hung up, the agent is told the customer side ended it, wrap-up follows', () => {
    const { next, effects } = step(connectedInbound(), ended(CUSTOMER_LEG), T0 + 30);
    expect(next).toMatchObject({ phase: 'ended', outcome: 'completed', hangupSide: 'customer' });
    expect(actions(effects)).toEqual([
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
      { type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 } },
    ]);
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'customer', reason: 'hangup', outcome: 'completed' });
  });

  it('unlink side 2 (hang up the customer) is reported as the customer side', () => {
    const asked = step(connectedInbound(), { type: 'hangup', side: 2, agentNo: AGENT });
    expect(asked.next.endRequested).toEqual({ outcome: 'completed', side: 'customer' });
    const done = step(asked.next, ended(CUSTOMER_LEG));
    expect(noticeData(done.effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'customer', outcome: 'completed' });
  });
});

describe('an offered agent does not take the call', () => {
  it('no answer: the call goes back to its queue, the agent is released with ringNoAnswer and not offered it again', () => {
    const { next, effects } = step(offeringInbound(), ended(AGENT_LEG, 'noAnswer'));
    expect(next).toMatchObject({ phase: 'queued', declinedBy: [AGENT] });
    expect(next.agentNo).toBeUndefined();
    expect(next.agentLegId).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'agent', agentNo: AGENT, command: { type: 'offerReleased', callId: CALL_ID, reason: 'ringNoAnswer' } },
      { type: 'route', queueNo: QUEUE },
    ]);
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'agent', reason: 'agentNoAnswer' });
  });

  it('reject: the agent leg is hung up as rejected, the rejection is kept, and the call goes back to the queue', () => {
    const rejected = step(offeringInbound(), { type: 'reject', description: 'on a break' }, T0 + 3);
    expect(rejected.effects).toEqual([{ type: 'hangupLeg', legId: AGENT_LEG, cause: 'rejected' }]);
    expect(rejected.next.rejections).toEqual([{ agentNo: AGENT, at: T0 + 3, description: 'on a break' }]);
    const back = step(rejected.next, ended(AGENT_LEG, 'rejected'));
    expect(back.next).toMatchObject({ phase: 'queued', declinedBy: [AGENT] });
    expect(noticeData(back.effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'rejected' });
    expect(back.effects).toContainEqual({
      type: 'agent',
      agentNo: AGENT,
      command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' },
    });
  });

  it('the customer hangs up while the agent rings: abandoned, the agent is released without wrap-up', () => {
    const { next, effects } = step(offeringInbound(), ended(CUSTOMER_LEG));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'abandoned', hangupSide: 'customer' });
    expect(actions(effects)).toEqual([
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'cancelled' },
      { type: 'agent', agentNo: AGENT, command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' } },
    ]);
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'abandoned', outcome: 'abandoned' });
  });
});

describe('queue timeout and abandon', () => {
  it('a call still queued when its queue timeout fires hears the goodbye and ends as queueTimeout', () => {
    const { next, effects } = step(queuedInbound(), { type: 'queueTimeout' }, T0 + 60_000);
    expect(next).toMatchObject({ phase: 'ended', outcome: 'queueTimeout', hangupSide: 'system', endedAt: T0 + 60_000 });
    expect(effects).toEqual([
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.queueTimeout },
      { type: 'hangupLeg', legId: CUSTOMER_LEG, cause: 'normal' },
    ]);
  });

  it('the queue timeout of a call that left the queue changes nothing', () => {
    const ringingCall = offeringInbound();
    expect(step(ringingCall, { type: 'queueTimeout' })).toEqual({ next: ringingCall, effects: [] });
  });

  it('a queued customer who hangs up abandons the call', () => {
    expect(step(queuedInbound(), ended(CUSTOMER_LEG)).next).toMatchObject({ phase: 'ended', outcome: 'abandoned', hangupSide: 'customer' });
  });
});

describe('preview outbound (key flow)', () => {
  it('rings the agent first (previewObCallResult), then the customer (previewObCallStart, previewObCallRinging), then bridges', () => {
    const started = previewOutbound();
    expect(started.call).toMatchObject({ phase: 'agentDialing', agentNo: AGENT, customerLegId: customerLeg(1) });
    expect(notices(started.effects)).toEqual([`${AGENT}: previewObCallResult`]);
    expect(noticeData(started.effects, AGENT, 'previewObCallResult')).toMatchObject({
      result: 'success',
      message: 'dialing',
      requestUniqueId: 'req-1',
    });
    expect(actions(started.effects)).toEqual([{ type: 'dial', request: dialRequest(AGENT_LEG, `sip:${AGENT}`) }]);

    const agentRings = step(started.call, ringing(AGENT_LEG));
    expect(agentRings.effects).toEqual([{ type: 'agent', agentNo: AGENT, command: { type: 'callRinging', callId: CALL_ID } }]);

    const agentAnswers = step(agentRings.next, answered(AGENT_LEG));
    expect(agentAnswers.next.phase).toBe('customerDialing');
    expect(notices(agentAnswers.effects)).toEqual([`${AGENT}: sessionInit`, `${AGENT}: previewObCallStart`]);
    expect(noticeData(agentAnswers.effects, AGENT, 'previewObCallStart')).toMatchObject({ attempt: 1 });
    expect(actions(agentAnswers.effects)).toEqual([
      { type: 'agent', agentNo: AGENT, command: { type: 'callConnected', callId: CALL_ID } },
      {
        type: 'dial',
        request: {
          legId: customerLeg(1),
          callId: CALL_ID,
          tenantId: 't1',
          destination: { kind: 'pstn', address: CUSTOMER, party: 'customer' },
          callerId: '01000000000',
          timeoutMs: 30_000,
        },
      },
    ]);

    const customerRings = step(agentAnswers.next, ringing(customerLeg(1)));
    expect(notices(customerRings.effects)).toEqual([`${AGENT}: previewObCallRinging`]);

    const bridged = step(customerRings.next, answered(customerLeg(1)), T0 + 9);
    expect(bridged.next).toMatchObject({ phase: 'connected', answeredAt: T0 + 9 });
    expect(actions(bridged.effects)).toEqual([{ type: 'connect', legIds: [AGENT_LEG, customerLeg(1)] }]);
    expect(notices(bridged.effects)).toEqual([`${AGENT}: previewObCallBridge`, `${AGENT}: callBridged`]);
  });

  it('a busy customer is tried on the next backup number, on a new leg, as attempt 2', () => {
    const { next, effects } = step(dialingCustomer(['13900000001', '13900000002']), ended(customerLeg(1), 'busy'), T0 + 4);
    expect(next).toMatchObject({
      phase: 'customerDialing',
      customerNumber: '13900000001',
      backupNumbers: ['13900000002'],
      customerLegId: customerLeg(2),
    });
    expect(next.legs.at(-1)).toEqual({ legId: customerLeg(2), party: 'customer', number: '13900000001', startedAt: T0 + 4 });
    expect(noticeData(effects, AGENT, 'previewObCallStart')).toMatchObject({ attempt: 2, customerNumber: '13900000001' });
    expect(actions(effects)).toEqual([
      {
        type: 'dial',
        request: expect.objectContaining({
          legId: customerLeg(2),
          destination: { kind: 'pstn', address: '13900000001', party: 'customer' },
        }),
      },
    ]);
  });

  it('no answer on the last number ends the call as customerNoAnswer; the agent is released without wrap-up', () => {
    const retried = run(dialingCustomer(['13900000001']), ended(customerLeg(1), 'noAnswer')).next;
    const { next, effects } = step(retried, ended(customerLeg(2), 'noAnswer'));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'customerNoAnswer', hangupSide: 'system' });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({
      reason: 'customerNoAnswer',
      outcome: 'customerNoAnswer',
      side: 'system',
    });
    expect(actions(effects)).toEqual([
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
      { type: 'agent', agentNo: AGENT, command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' } },
    ]);
  });

  it.each([
    ['rejected', 'customerRejected'],
    ['invalid', 'invalidNumber'],
  ] as const)('a customer leg ending %s is not retried on backup numbers: %s', (cause, outcome) => {
    const { next } = step(dialingCustomer(['13900000001']), ended(customerLeg(1), cause));
    expect(next).toMatchObject({ phase: 'ended', outcome, backupNumbers: ['13900000001'] });
  });

  it('the agent not answering its own call ends it as agentNoAnswer', () => {
    const { next, effects } = step(run(previewOutbound().call, ringing(AGENT_LEG)).next, ended(AGENT_LEG, 'noAnswer'));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'agentNoAnswer', hangupSide: 'agent' });
    expect(effects).toContainEqual({ type: 'hangupLeg', legId: customerLeg(1), cause: 'cancelled' });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'agentNoAnswer' });
  });

  it('cancel while the customer rings hangs up both legs and ends the call as cancelled by the agent', () => {
    const asked = step(dialingCustomer(), { type: 'cancel' });
    expect(asked.effects).toEqual([
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'cancelled' },
      { type: 'hangupLeg', legId: customerLeg(1), cause: 'cancelled' },
    ]);
    const done = step(asked.next, ended(customerLeg(1), 'cancelled'));
    expect(done.next).toMatchObject({ phase: 'ended', outcome: 'cancelled', hangupSide: 'agent' });
    expect(noticeData(done.effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'cancelled' });
  });

  it('refuses cancel on an inbound call and on a connected outbound call', () => {
    expect(refusal(offeringInbound(), { type: 'cancel' })).toEqual({ error: 'NO_CALL', message: 'no preview outbound call being dialled' });
    const connected = run(dialingCustomer(), answered(customerLeg(1))).next;
    expect(refusal(connected, { type: 'cancel' })).toEqual({ error: 'NO_CALL', message: 'no preview outbound call being dialled' });
  });
});

describe('hold, unhold, mute', () => {
  it('hold puts the customer on hold music and tells the agent; unhold takes it back', () => {
    const held = step(connectedInbound(), { type: 'hold' });
    expect(held.next.held).toBe(true);
    expect(actions(held.effects)).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: true },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.holdMusic },
    ]);
    expect(notices(held.effects)).toEqual([`${AGENT}: callHeld`]);
    const back = step(held.next, { type: 'unhold' });
    expect(back.next.held).toBe(false);
    expect(actions(back.effects)).toEqual([{ type: 'setHold', legId: CUSTOMER_LEG, held: false }]);
    expect(notices(back.effects)).toEqual([`${AGENT}: callUnheld`]);
  });

  it('mute and unmute per direction, reporting both directions', () => {
    const all = step(connectedInbound(), { type: 'mute', direction: 'all' });
    expect(all.next.muted).toEqual({ in: true, out: true });
    expect(actions(all.effects)).toEqual([{ type: 'setMute', legId: AGENT_LEG, direction: 'all', muted: true }]);
    expect(noticeData(all.effects, AGENT, 'callMuted')).toMatchObject({ direction: 'all', muted: { in: true, out: true } });
    const outOnly = step(all.next, { type: 'unmute', direction: 'out' });
    expect(outOnly.next.muted).toEqual({ in: true, out: false });
    expect(noticeData(outOnly.effects, AGENT, 'callUnmuted')).toMatchObject({ direction: 'out', muted: { in: true, out: false } });
  });

  it('refuses what the call does not allow, with the spec messages', () => {
    const talking = connectedInbound();
    const held = step(talking, { type: 'hold' }).next;
    expect(refusal(held, { type: 'hold' })).toEqual({ error: 'ALREADY_IN_STATE', message: 'call already held' });
    expect(refusal(talking, { type: 'unhold' })).toEqual({ error: 'ALREADY_IN_STATE', message: 'call not held' });
    expect(refusal(offeringInbound(), { type: 'hold' })).toEqual({ error: 'NO_CALL', message: 'no connected call' });
    expect(refusal(linkedConsult(), { type: 'hold' })).toEqual({
      error: 'INVALID_STATE',
      message: 'not during a consultation or three-way call',
    });
    const mutedIn = step(talking, { type: 'mute', direction: 'in' }).next;
    expect(refusal(mutedIn, { type: 'mute', direction: 'in' })).toEqual({ error: 'ALREADY_IN_STATE', message: 'already muted in' });
    expect(refusal(talking, { type: 'unmute', direction: 'all' })).toEqual({ error: 'ALREADY_IN_STATE', message: 'not muted all' });
    expect(refusal(queuedInbound(), { type: 'mute', direction: 'out' })).toEqual({ error: 'NO_CALL', message: 'no connected call' });
  });
});

describe('refusals of hang-up, reject and offer', () => {
  it('names why each is refused', () => {
    expect(refusal(queuedInbound(), { type: 'hangup', side: 1, agentNo: AGENT })).toEqual({
      error: 'NO_CALL',
      message: 'no call to hang up',
    });
    expect(refusal(offeringInbound(), { type: 'hangup', side: 1, agentNo: AGENT })).toEqual({
      error: 'INVALID_STATE',
      message: 'call is ringing: use reject',
    });
    expect(refusal(connectedInbound(), { type: 'hangup', side: 1, agentNo: '1999' })).toEqual({ error: 'NO_CALL', message: 'no call' });
    expect(refusal(linkedConsult(), { type: 'hangup', side: 1, agentNo: AGENT })).toEqual({
      error: 'INVALID_STATE',
      message: 'consultation in progress: cancelAtxfer or completeAtxfer first',
    });
    expect(refusal(connectedInbound(), { type: 'reject' })).toEqual({ error: 'NO_CALL', message: 'no ringing call to reject' });
    expect(refusal(offeringInbound(), offer('1002', 'leg-2'))).toEqual({
      error: 'INVALID_STATE',
      message: 'call not waiting for an agent',
    });
  });

  it('an ended call refuses everything but records how its remaining legs ended', () => {
    const over = step(connectedInbound(), ended(CUSTOMER_LEG), T0 + 1).next;
    for (const event of [
      { type: 'hold' },
      { type: 'forceEnd' },
      { type: 'hangup', side: 1, agentNo: AGENT },
      { type: 'durationLimit' },
    ] as const) {
      expect(refusal(over, event)).toEqual({ error: 'INVALID_STATE', message: 'call ended' });
    }
    const recorded = step(over, ended(AGENT_LEG, 'normal'), T0 + 2);
    expect(recorded.effects).toEqual([]);
    expect(recorded.next.legs.find((leg) => leg.legId === AGENT_LEG)).toMatchObject({ endedAt: T0 + 2, endCause: 'normal' });
  });
});

describe('duration limit', () => {
  const limit = { limitSeconds: 60, preAlertSeconds: 10, preAlertAudioFile: 'ends-soon.wav' };

  it('completeAtxfer with a durationLimit schedules the pre-alert, then the end', () => {
    const { next, effects } = step(linkedConsult(), { type: 'completeConsult', limit });
    expect(effects.filter((effect) => effect.type === 'schedule')).toEqual([
      { type: 'schedule', event: 'preAlert', delayMs: 50_000 },
      { type: 'schedule', event: 'durationLimit', delayMs: 60_000 },
    ]);
    expect(next.preAlertAudioFile).toBe('ends-soon.wav');
  });

  it('no pre-alert when it would come at or before the start', () => {
    const { effects } = step(linkedConsult(), { type: 'threeway', limit: { limitSeconds: 10, preAlertSeconds: 10 } });
    expect(effects.filter((effect) => effect.type === 'schedule')).toEqual([{ type: 'schedule', event: 'durationLimit', delayMs: 10_000 }]);
  });

  it('the pre-alert plays to every live leg of the call; the limit ends a connected call for the system', () => {
    const limited = step(linkedConsult(), { type: 'threeway', limit }).next;
    expect(step(limited, { type: 'preAlert' }).effects).toEqual([
      { type: 'play', legId: CUSTOMER_LEG, prompt: 'ends-soon.wav' },
      { type: 'play', legId: AGENT_LEG, prompt: 'ends-soon.wav' },
      { type: 'play', legId: 'leg-consult', prompt: 'ends-soon.wav' },
    ]);
    const { next, effects } = step(limited, { type: 'durationLimit' }, T0 + 60_000);
    expect(next).toMatchObject({ phase: 'ended', outcome: 'completed', hangupSide: 'system' });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'durationLimit' });
    expect(noticeData(effects, '1002', 'sessionTerminate')).toMatchObject({ reason: 'durationLimit' });
    expect(effects.filter((effect) => effect.type === 'hangupLeg')).toHaveLength(3);
  });

  it('a pre-alert without an audio file plays the default prompt; the limit of a call no longer connected changes nothing', () => {
    expect(step(connectedInbound(), { type: 'preAlert' }).effects).toContainEqual({
      type: 'play',
      legId: CUSTOMER_LEG,
      prompt: PROMPTS.preAlert,
    });
    const queued = queuedInbound();
    expect(step(queued, { type: 'durationLimit' })).toEqual({ next: queued, effects: [] });
  });
});

describe('legs lost with their gateway process', () => {
  it("a talking call ends as failed at the owner's last sign of life, with no leg left to hang up", () => {
    const { next, effects } = step(connectedInbound(), { type: 'legsLost', reason: 'gatewayRestart', at: T0 + 40 }, T0 + 5_000);
    expect(next).toMatchObject({ phase: 'ended', outcome: 'failed', hangupSide: 'system', endedAt: T0 + 40, endReason: 'gatewayRestart' });
    expect(next.legs.map((leg) => [leg.legId, leg.endedAt, leg.endCause])).toEqual([
      [CUSTOMER_LEG, T0 + 40, 'normal'],
      [AGENT_LEG, T0 + 40, 'normal'],
    ]);
    expect(effects.some((effect) => effect.type === 'hangupLeg')).toBe(false);
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'system', reason: 'gatewayRestart', outcome: 'failed' });
    expect(effects).toContainEqual({ type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 } });
  });

  it('a customer who never reached an agent abandoned; the end is never before the call began', () => {
    const { next, effects } = step(offeringInbound(), { type: 'legsLost', reason: 'nodeLost', at: T0 - 500 });
    expect(next).toMatchObject({ phase: 'ended', outcome: 'abandoned', endedAt: T0, endReason: 'nodeLost' });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'nodeLost', outcome: 'abandoned' });
    expect(effects).toContainEqual({ type: 'agent', agentNo: AGENT, command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' } });
  });
});

describe('a supervisor ends the call (forceEnd)', () => {
  it('hangs up every leg and reports the supervisor as the reason', () => {
    const asked = step(connectedInbound(), { type: 'forceEnd' });
    expect(asked.next.endRequested).toEqual({ outcome: 'completed', side: 'system', reason: 'supervisor' });
    expect(asked.effects).toEqual([
      { type: 'hangupLeg', legId: CUSTOMER_LEG, cause: 'normal' },
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
    ]);
    const done = step(asked.next, ended(CUSTOMER_LEG));
    expect(done.next).toMatchObject({ phase: 'ended', outcome: 'completed', hangupSide: 'system' });
    expect(noticeData(done.effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'system', reason: 'supervisor' });
  });

  it('a call not answered yet is cancelled; a call in its survey has no agent to disconnect', () => {
    expect(step(offeringInbound(), { type: 'forceEnd' }).next.endRequested).toEqual({
      outcome: 'cancelled',
      side: 'system',
      reason: 'supervisor',
    });
    const survey = step(connectedInbound(), { type: 'startSurvey' }).next;
    expect(refusal(survey, { type: 'forceEnd' })).toEqual({ error: 'NO_CALL', message: 'agent not in a call' });
  });
});
