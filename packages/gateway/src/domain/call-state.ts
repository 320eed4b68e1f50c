/**
 * The call state machine (docs/08-State-Machine.md, "Calls"). Pure: `callTransition(call, event, now)` returns the
 * next call and the effects to apply: telephony actions, agent commands and the events the agent sees, in the order
 * the agent must see them. Inbound: queued -> offering -> connected -> ended. Preview outbound and internal calls:
 * agentDialing -> customerDialing -> connected -> ended. Predictive calls (dialer-predictive-call.ts): customerDialing ->
 * awaitingAgent -> offering -> connected, or ended abandoned. A survey may follow a connected call.
 */
import { CallType } from '@agentsdk/protocol';
import type { LegEndCause } from '../ports/telephony.js';
import { dialRequest, nextLegId } from './call-legs.js';
import {
  PROMPTS,
  SURVEY_TIMEOUT_MS,
  endCall,
  UNCONNECTED_END_REASON,
  isLive,
  notify,
  refuse,
  requestEnd,
  withLeg,
  type CallEffect,
  type CallEvent,
  type CallLeg,
  type CallOutcome,
  type CallRecord,
  type CallTransitionResult,
  type HangupSide,
} from './call.js';
import {
  agentLeftDuringIvr,
  blindTransfer,
  ivrDigits,
  startIvrVisit,
  transferLegAnswered,
  transferLegEnded,
  transferLegRinging,
} from './blind-transfer-and-ivr.js';
import { legsLost } from './call-recovery.js';
import {
  abandonMessagePlayed,
  abandonTimeout,
  customerAnsweredFirst,
  predictiveOfferEnded,
  waitingLegEnded,
} from './dialer-predictive-call.js';
import { forceEnd, monitorLegAnswered, monitorLegEnded, monitorLegRinging, pickup, startMonitor, stopMonitor } from './call-monitoring.js';
import {
  agentLeavesThreeway,
  cancelConsult,
  completeConsult,
  consultLegAnswered,
  consultLegEnded,
  consultLegRinging,
  resumeConsult,
  startConsult,
  startThreeway,
  threewayLegEnded,
} from './consult-transfer.js';

const CUSTOMER_FAILURES: Partial<Record<LegEndCause, CallOutcome>> = {
  busy: 'customerBusy',
  noAnswer: 'customerNoAnswer',
  rejected: 'customerRejected',
  invalid: 'invalidNumber',
};

export function callTransition(call: CallRecord, event: CallEvent, now: number): CallTransitionResult {
  if (call.phase === 'ended') {
    // Legs hung up at the end still report how they ended, for the call record.
    if (event.type === 'legEnded')
      return {
        ok: true,
        next: withLeg(call, event.legId, { endedAt: now, endCause: event.cause, ...(event.media && { media: event.media }) }),
        effects: [],
      };
    return refuse('INVALID_STATE', 'call ended');
  }
  switch (event.type) {
    case 'offered': {
      const waiting = call.phase === 'queued' || (call.phase === 'awaitingAgent' && !call.endRequested);
      if (!waiting) return refuse('INVALID_STATE', 'call not waiting for an agent');
      const leg: CallLeg = {
        legId: event.agentLeg.legId,
        party: 'agent',
        number: event.agentLeg.destination.address,
        agentNo: event.agentNo,
        startedAt: now,
      };
      const next: CallRecord = { ...call, phase: 'offering', agentNo: event.agentNo, agentLegId: leg.legId, legs: [...call.legs, leg] };
      if (event.wrapupSeconds !== undefined) next.wrapupSeconds = event.wrapupSeconds;
      return { ok: true, next, effects: [{ type: 'dial', request: event.agentLeg }] };
    }

    case 'legRinging':
      return legRinging(call, event.legId);

    case 'legAnswered':
      return legAnswered(call, event.legId, now);

    case 'legEnded':
      return legEnded(
        withLeg(call, event.legId, { endedAt: now, endCause: event.cause, ...(event.media && { media: event.media }) }),
        event.legId,
        event.cause,
        now,
      );

    case 'dtmf': {
      if (call.phase === 'ivr' && event.legId === call.customerLegId) return ivrDigits(call, event.digits, now);
      if (call.phase !== 'survey' || event.legId !== call.customerLegId) return { ok: true, next: call, effects: [] };
      const result = event.digits.replace(/[^1-5]/g, '').slice(0, 1);
      if (!result) return { ok: true, next: call, effects: [] };
      const next: CallRecord = { ...call, survey: { startedAt: call.survey?.startedAt ?? now, result } };
      return {
        ok: true,
        next: { ...next, endRequested: { outcome: 'completed', side: 'customer' } },
        effects: [
          { type: 'play', legId: event.legId, prompt: PROMPTS.surveyThanks },
          { type: 'hangupLeg', legId: event.legId, cause: 'normal' },
        ],
      };
    }

    case 'hangup': {
      if (call.phase === 'queued' || call.phase === 'survey') return refuse('NO_CALL', 'no call to hang up');
      if (call.phase === 'offering') return refuse('INVALID_STATE', 'call is ringing: use reject');
      // A consulted or three-way agent hangs up its own leg only.
      const ownLeg =
        event.agentNo === call.consult?.targetAgentNo
          ? call.consult.legId
          : event.agentNo === call.threeway?.targetAgentNo
            ? call.threeway.legId
            : undefined;
      if (ownLeg) return { ok: true, next: call, effects: [{ type: 'hangupLeg', legId: ownLeg, cause: 'normal' }] };
      if (event.agentNo !== call.agentNo && event.agentNo !== call.calleeAgentNo) return refuse('NO_CALL', 'no call');
      if (call.consult) return refuse('INVALID_STATE', 'consultation in progress: cancelAtxfer or completeAtxfer first');
      if (call.threeway) return agentLeavesThreeway(call);
      return requestEnd(
        call,
        call.answeredAt ? 'completed' : 'cancelled',
        event.side === 2 ? 'customer' : 'agent',
        call.answeredAt ? 'normal' : 'cancelled',
      );
    }

    case 'reject': {
      if (call.phase !== 'offering' || !isLive(call, call.agentLegId) || !call.agentLegId || !call.agentNo)
        return refuse('NO_CALL', 'no ringing call to reject');
      const rejection = { agentNo: call.agentNo, at: now, ...(event.description ? { description: event.description } : {}) };
      const next: CallRecord = { ...call, rejections: [...(call.rejections ?? []), rejection] };
      return { ok: true, next, effects: [{ type: 'hangupLeg', legId: call.agentLegId, cause: 'rejected' }] };
    }

    case 'cancel': {
      if (call.callType === CallType.INBOUND || (call.phase !== 'agentDialing' && call.phase !== 'customerDialing')) {
        return refuse('NO_CALL', 'no preview outbound call being dialled');
      }
      return requestEnd(call, 'cancelled', 'agent', 'cancelled');
    }

    case 'hold':
    case 'unhold': {
      if (call.phase !== 'connected' || !call.customerLegId) return refuse('NO_CALL', 'no connected call');
      if (call.consult || call.threeway) return refuse('INVALID_STATE', 'not during a consultation or three-way call');
      const held = event.type === 'hold';
      if (call.held === held) return refuse('ALREADY_IN_STATE', held ? 'call already held' : 'call not held');
      const effects: CallEffect[] = [{ type: 'setHold', legId: call.customerLegId, held }];
      if (held) effects.push({ type: 'play', legId: call.customerLegId, prompt: PROMPTS.holdMusic });
      effects.push(...notify(call, call.agentNo, held ? 'callHeld' : 'callUnheld'));
      return { ok: true, next: { ...call, held }, effects };
    }

    case 'mute':
    case 'unmute': {
      if (call.phase !== 'connected' || !call.agentLegId) return refuse('NO_CALL', 'no connected call');
      const muted = event.type === 'mute';
      const directions = event.direction === 'all' ? (['in', 'out'] as const) : [event.direction];
      if (directions.every((d) => call.muted[d] === muted))
        return refuse('ALREADY_IN_STATE', muted ? `already muted ${event.direction}` : `not muted ${event.direction}`);
      const next: CallRecord = { ...call, muted: { ...call.muted } };
      for (const d of directions) next.muted[d] = muted;
      return {
        ok: true,
        next,
        effects: [
          { type: 'setMute', legId: call.agentLegId, direction: event.direction, muted },
          ...notify(next, call.agentNo, muted ? 'callMuted' : 'callUnmuted', { direction: event.direction, muted: next.muted }),
        ],
      };
    }

    case 'startSurvey': {
      if (call.phase !== 'connected' || !call.customerLegId || !call.agentLegId || !call.agentNo)
        return refuse('NO_CALL', 'no connected call');
      const next: CallRecord = { ...call, phase: 'survey', survey: { startedAt: now } };
      return {
        ok: true,
        next,
        effects: [
          { type: 'hangupLeg', legId: call.agentLegId, cause: 'normal' },
          { type: 'setHold', legId: call.customerLegId, held: false },
          { type: 'connect', legIds: [call.customerLegId] },
          { type: 'play', legId: call.customerLegId, prompt: PROMPTS.survey },
          ...notify(call, call.agentNo, 'sessionTerminate', { side: 'agent', reason: 'survey' }),
          { type: 'agent', agentNo: call.agentNo, command: { type: 'callEnded', callId: call.callId, wrapupSeconds: call.wrapupSeconds } },
          { type: 'schedule', event: 'surveyTimeout', delayMs: SURVEY_TIMEOUT_MS },
        ],
      };
    }

    case 'queueTimeout': {
      // A timer of an earlier queued spell (before an agent took the call and put it back) is stale.
      const stale = call.queueDeadline !== undefined && now < call.queueDeadline;
      if (call.phase !== 'queued' || !call.customerLegId || stale) return { ok: true, next: call, effects: [] };
      const ended = endCall(call, 'queueTimeout', 'system', now, 'queueTimeout');
      if (ended.ok) ended.effects.unshift({ type: 'play', legId: call.customerLegId, prompt: PROMPTS.queueTimeout });
      return ended;
    }

    case 'surveyTimeout':
      return call.phase === 'survey' ? endCall(call, 'completed', 'system', now, 'survey') : { ok: true, next: call, effects: [] };

    case 'abandonTimeout':
      return abandonTimeout(call);
    case 'abandonMessagePlayed':
      return abandonMessagePlayed(call, now);

    case 'startConsult':
      return startConsult(call, event, now);
    case 'cancelConsult':
      return cancelConsult(call);
    case 'resumeConsult':
      return resumeConsult(call);
    case 'completeConsult':
      return completeConsult(call, event.limit);
    case 'threeway':
      return startThreeway(call, event.limit);
    case 'blindTransfer':
      return blindTransfer(call, event, now);
    case 'enterIvr':
      return startIvrVisit(call, event, now);

    case 'preAlert': {
      const prompt = call.preAlertAudioFile ?? PROMPTS.preAlert;
      const legs = [call.customerLegId, call.agentLegId, call.threeway?.legId].filter((legId): legId is string => isLive(call, legId));
      return { ok: true, next: call, effects: legs.map((legId) => ({ type: 'play', legId, prompt })) };
    }
    case 'durationLimit':
      return call.phase === 'connected'
        ? endCall(call, 'completed', 'system', now, 'durationLimit')
        : { ok: true, next: call, effects: [] };

    case 'startMonitor':
      return startMonitor(call, event, now);
    case 'stopMonitor':
      return stopMonitor(call, event.supervisorNo);
    case 'pickup':
      return pickup(call, event, now);
    case 'forceEnd':
      return forceEnd(call);

    case 'legsLost':
      return legsLost(call, event.reason, event.at);
  }
}

function legRinging(call: CallRecord, legId: string): CallTransitionResult {
  if (legId === call.consult?.legId) return consultLegRinging(call);
  if (legId === call.monitor?.legId) return monitorLegRinging(call);
  if (legId === call.transfer?.legId) return transferLegRinging(call);
  const effects: CallEffect[] = [];
  if (legId === call.agentLegId && call.agentNo && (call.phase === 'offering' || call.phase === 'agentDialing')) {
    effects.push({ type: 'agent', agentNo: call.agentNo, command: { type: 'callRinging', callId: call.callId } });
    if (call.phase === 'offering') effects.push(...notify(call, call.agentNo, 'ringing'));
  } else if (legId === call.customerLegId && call.phase === 'customerDialing') {
    if (call.calleeAgentNo) {
      effects.push({ type: 'agent', agentNo: call.calleeAgentNo, command: { type: 'callRinging', callId: call.callId } });
      effects.push(...notify(call, call.calleeAgentNo, 'ringing', { callerAgentNo: call.agentNo }));
    }
    if (call.callType === CallType.PREVIEW_OUTBOUND) effects.push(...notify(call, call.agentNo, 'previewObCallRinging'));
  }
  return { ok: true, next: call, effects };
}

function legAnswered(call: CallRecord, legId: string, now: number): CallTransitionResult {
  const next = withLeg(call, legId, { answeredAt: now });
  if (legId === call.consult?.legId) return consultLegAnswered(next);
  if (legId === call.monitor?.legId) return monitorLegAnswered(next);
  if (legId === call.transfer?.legId) return transferLegAnswered(next, now);
  if (legId === call.agentLegId && call.agentNo && call.customerLegId && call.phase === 'offering') {
    return {
      ok: true,
      next: { ...next, phase: 'connected', answeredAt: now },
      effects: [
        { type: 'connect', legIds: [call.customerLegId, legId] },
        ...notify(call, call.agentNo, 'sessionInit'),
        { type: 'agent', agentNo: call.agentNo, command: { type: 'callConnected', callId: call.callId } },
        ...notify(call, call.agentNo, 'callBridged'),
      ],
    };
  }
  if (legId === call.agentLegId && call.agentNo && call.phase === 'agentDialing') {
    return {
      ok: true,
      next: { ...next, phase: 'customerDialing' },
      effects: [
        ...notify(call, call.agentNo, 'sessionInit'),
        { type: 'agent', agentNo: call.agentNo, command: { type: 'callConnected', callId: call.callId } },
        ...dialCustomer(next),
      ],
    };
  }
  if (legId === call.customerLegId && !call.agentLegId && call.phase === 'customerDialing') return customerAnsweredFirst(next);
  if (legId === call.customerLegId && call.agentLegId && call.phase === 'customerDialing') {
    const effects: CallEffect[] = [{ type: 'connect', legIds: [call.agentLegId, legId] }];
    if (call.callType === CallType.PREVIEW_OUTBOUND) effects.push(...notify(call, call.agentNo, 'previewObCallBridge'));
    effects.push(...notify(call, call.agentNo, 'callBridged'));
    if (call.calleeAgentNo) {
      effects.push(...notify(call, call.calleeAgentNo, 'sessionInit', { callerAgentNo: call.agentNo }));
      effects.push({ type: 'agent', agentNo: call.calleeAgentNo, command: { type: 'callConnected', callId: call.callId } });
      effects.push(...notify(call, call.calleeAgentNo, 'callBridged', { callerAgentNo: call.agentNo }));
    }
    return { ok: true, next: { ...next, phase: 'connected', answeredAt: now }, effects };
  }
  return { ok: true, next, effects: [] };
}

/** Rings the customer (or the internal callee) on the call's current customer leg. */
function dialCustomer(call: CallRecord): CallEffect[] {
  const legId = call.customerLegId;
  const leg = call.legs.find((l) => l.legId === legId);
  if (!legId || !leg || !call.customerDestination) return [];
  const effects: CallEffect[] = [];
  if (call.callType === CallType.PREVIEW_OUTBOUND) {
    const attempt = call.legs.filter((l) => l.party === 'customer').length;
    effects.push(...notify(call, call.agentNo, 'previewObCallStart', { attempt }));
  }
  effects.push({
    type: 'dial',
    request: dialRequest(
      call,
      legId,
      { ...call.customerDestination, address: leg.number },
      call.customerAnswerTimeoutMs,
      call.callerId ?? '',
    ),
  });
  return effects;
}

function legEnded(call: CallRecord, legId: string, cause: LegEndCause, now: number): CallTransitionResult {
  const requested = call.endRequested;
  const side: HangupSide = requested?.side ?? (legId === call.customerLegId ? 'customer' : 'agent');
  if (!requested) {
    if (legId === call.consult?.legId) return consultLegEnded(call, cause);
    if (legId === call.monitor?.legId) return monitorLegEnded(call, cause);
    if (legId === call.threeway?.legId) return threewayLegEnded(call);
    if (legId === call.transfer?.legId) return transferLegEnded(call, now);
  }

  switch (call.phase) {
    case 'queued':
      if (legId !== call.customerLegId) return { ok: true, next: call, effects: [] };
      return endCall(call, 'abandoned', 'customer', now, 'abandoned');

    case 'offering': {
      if (legId === call.customerLegId) return endCall(call, 'abandoned', 'customer', now, 'abandoned');
      // A predictive call (no queue) waits for another agent of its task.
      if (legId === call.agentLegId && call.queueNo === undefined) return predictiveOfferEnded(call, cause);
      if (legId !== call.agentLegId || !call.agentNo || !call.queueNo) return { ok: true, next: call, effects: [] };
      // The offered agent did not take the call: back to the head of the queue, offered to someone else.
      const agentNo = call.agentNo;
      const next: CallRecord = { ...call, phase: 'queued', declinedBy: [...call.declinedBy, agentNo] };
      delete next.agentNo;
      delete next.agentLegId;
      const reason = cause === 'rejected' ? 'rejected' : 'agentNoAnswer';
      return {
        ok: true,
        next,
        effects: [
          ...notify(call, agentNo, 'sessionTerminate', { side: 'agent', reason }),
          {
            type: 'agent',
            agentNo,
            command: { type: 'offerReleased', callId: call.callId, reason: cause === 'noAnswer' ? 'ringNoAnswer' : 'other' },
          },
          { type: 'route', queueNo: call.queueNo },
        ],
      };
    }

    case 'agentDialing':
      if (legId !== call.agentLegId) return { ok: true, next: call, effects: [] };
      if (requested) return endCall(call, requested.outcome, requested.side, now, UNCONNECTED_END_REASON[requested.outcome]);
      {
        const outcome = cause === 'noAnswer' || cause === 'rejected' ? 'agentNoAnswer' : 'failed';
        return endCall(call, outcome, 'agent', now, UNCONNECTED_END_REASON[outcome]);
      }

    case 'customerDialing': {
      if (requested) return endCall(call, requested.outcome, requested.side, now, UNCONNECTED_END_REASON[requested.outcome]);
      if (legId === call.agentLegId) return endCall(call, 'cancelled', 'agent', now, 'cancelled');
      if (legId !== call.customerLegId) return { ok: true, next: call, effects: [] };
      const [nextNumber, ...rest] = call.backupNumbers;
      if (nextNumber && (cause === 'busy' || cause === 'noAnswer')) {
        const newLegId = nextLegId(call, 'customer');
        const retry: CallRecord = {
          ...call,
          customerNumber: nextNumber,
          backupNumbers: rest,
          customerLegId: newLegId,
          legs: [...call.legs, { legId: newLegId, party: 'customer', number: nextNumber, startedAt: now }],
        };
        return { ok: true, next: retry, effects: dialCustomer(retry) };
      }
      const outcome = CUSTOMER_FAILURES[cause] ?? 'failed';
      return endCall(call, outcome, cause === 'normal' ? 'customer' : 'system', now, UNCONNECTED_END_REASON[outcome]);
    }

    case 'connected':
      // Legs that left the call earlier (a transferring agent's) end without ending it.
      if (legId !== call.customerLegId && legId !== call.agentLegId) return { ok: true, next: call, effects: [] };
      return endCall(call, requested?.outcome ?? 'completed', side, now, requested?.reason ?? 'hangup');

    case 'awaitingAgent':
      return waitingLegEnded(call, legId, now);

    case 'transferring':
      if (legId !== call.customerLegId) return { ok: true, next: call, effects: [] };
      return endCall(call, 'abandoned', 'customer', now, 'abandoned');

    case 'ivr':
      if (legId === call.agentLegId && !requested) return agentLeftDuringIvr(call);
      if (legId !== call.customerLegId && !requested) return { ok: true, next: call, effects: [] };
      return endCall(call, requested?.outcome ?? 'completed', side, now, 'hangup');

    case 'survey':
      if (legId !== call.customerLegId) return { ok: true, next: call, effects: [] };
      return endCall(call, 'completed', requested?.side ?? 'customer', now, 'survey');

    case 'ended':
      return { ok: true, next: call, effects: [] };
  }
}
