/**
 * Consultation, attended transfer and three-way calls (spec 5.1-5.3): the customer holds while the agent talks to a
 * target on a consult leg; the agent may switch between them, cancel, hand the customer over, or join all three.
 * Events to the agent follow the public key flow: atxferStart -> atxferLink -> atxferEnded, atxferError on failure.
 */
import {
  PROMPTS,
  agentLeaves,
  durationLimitEffects,
  newLeg,
  notify,
  refuse,
  type CallEffect,
  type CallEvent,
  type CallRecord,
  type CallTransitionResult,
  type DurationLimit,
} from './call.js';
import type { ConsultEvent, RingingEvent, SessionTerminateReason } from '@agentsdk/protocol';
import type { LegEndCause } from '../ports/telephony.js';

type StartConsult = Extract<CallEvent, { type: 'startConsult' }>;

const ok = (next: CallRecord, effects: CallEffect[]): CallTransitionResult => ({ ok: true, next, effects });

function consultTarget(consult: Pick<ConsultEvent, 'targetType' | 'target'>): Pick<ConsultEvent, 'targetType' | 'target'> {
  return { targetType: consult.targetType, target: consult.target };
}

/** What the consulted agent sees: the customer's call, who consults, and the transfer variables. */
function forTarget(call: CallRecord): Pick<RingingEvent, 'consultingAgentNo' | 'chanVariables'> {
  return { consultingAgentNo: call.agentNo, chanVariables: [...call.variables, ...(call.consult?.variables ?? [])] };
}

/** The agent is back with the customer: the customer stops holding and the two are connected. */
function backToCustomer(call: CallRecord): CallEffect[] {
  if (!call.customerLegId || !call.agentLegId) return [];
  return [
    { type: 'setHold', legId: call.customerLegId, held: false },
    { type: 'connect', legIds: [call.agentLegId, call.customerLegId] },
  ];
}

export function startConsult(call: CallRecord, event: StartConsult, now: number): CallTransitionResult {
  if (call.phase !== 'connected' || !call.customerLegId || !call.agentNo) return refuse('NO_CALL', 'no connected call');
  if (call.consult || call.threeway) return refuse('INVALID_STATE', 'a consultation is already in progress');
  const consult = {
    legId: event.leg.legId,
    targetType: event.targetType,
    target: event.target,
    state: 'dialing' as const,
    variables: event.variables,
  };
  const next: CallRecord = {
    ...call,
    held: false,
    consult: event.targetAgentNo === undefined ? consult : { ...consult, targetAgentNo: event.targetAgentNo },
    legs: [
      ...call.legs,
      newLeg(event.leg.legId, event.targetAgentNo ? 'agent' : 'customer', event.leg.destination.address, now, event.targetAgentNo),
    ],
  };
  const effects: CallEffect[] = [];
  if (!call.held) {
    effects.push(
      { type: 'setHold', legId: call.customerLegId, held: true },
      { type: 'play', legId: call.customerLegId, prompt: PROMPTS.holdMusic },
    );
  }
  effects.push(...notify(next, call.agentNo, 'atxferStart', consultTarget(consult)), { type: 'dial', request: event.leg });
  return ok(next, effects);
}

export function cancelConsult(call: CallRecord): CallTransitionResult {
  if (!call.consult) return refuse('INVALID_STATE', 'no consultation');
  const cause: LegEndCause = call.consult.state === 'dialing' ? 'cancelled' : 'normal';
  return ok({ ...call, consult: { ...call.consult, cancelling: true } }, [{ type: 'hangupLeg', legId: call.consult.legId, cause }]);
}

/** Switches between the customer and the consulted party, keeping both legs. */
export function resumeConsult(call: CallRecord): CallTransitionResult {
  const consult = call.consult;
  if (!consult || !call.customerLegId || !call.agentLegId) return refuse('INVALID_STATE', 'no consultation');
  if (consult.state === 'dialing') return refuse('INVALID_STATE', 'the consulted party has not answered yet: use cancelAtxfer');
  if (consult.state === 'linked') {
    return ok({ ...call, consult: { ...consult, state: 'resumed' } }, [
      { type: 'setHold', legId: consult.legId, held: true },
      { type: 'play', legId: consult.legId, prompt: PROMPTS.holdMusic },
      ...backToCustomer(call),
      ...notify(call, call.agentNo, 'atxferEnded', { ...consultTarget(consult), reason: 'resume' }),
    ]);
  }
  return ok({ ...call, consult: { ...consult, state: 'linked' } }, [
    { type: 'setHold', legId: call.customerLegId, held: true },
    { type: 'play', legId: call.customerLegId, prompt: PROMPTS.holdMusic },
    { type: 'setHold', legId: consult.legId, held: false },
    { type: 'connect', legIds: [call.agentLegId, consult.legId] },
    ...notify(call, call.agentNo, 'atxferLink', consultTarget(consult)),
  ]);
}

/** The customer and the consulted party talk; the agent leaves into wrap-up. The target becomes the call's agent. */
export function completeConsult(call: CallRecord, limit: DurationLimit | undefined): CallTransitionResult {
  const consult = call.consult;
  if (!consult || !call.customerLegId) return refuse('INVALID_STATE', 'no consultation');
  if (consult.state === 'dialing') return refuse('INVALID_STATE', 'the consulted party has not answered yet');
  const next: CallRecord = { ...call, agentLegId: consult.legId, held: false, muted: { in: false, out: false } };
  delete next.consult;
  if (consult.targetAgentNo) next.agentNo = consult.targetAgentNo;
  else delete next.agentNo;
  if (limit?.preAlertAudioFile) next.preAlertAudioFile = limit.preAlertAudioFile;
  return ok(next, [
    { type: 'setHold', legId: call.customerLegId, held: false },
    { type: 'setHold', legId: consult.legId, held: false },
    { type: 'connect', legIds: [call.customerLegId, consult.legId] },
    ...notify(call, call.agentNo, 'completeAtxferResult', { ...consultTarget(consult), result: 'success' }),
    ...agentLeaves(call, 'transferred'),
    ...notify(next, consult.targetAgentNo, 'callBridged', { transferredBy: call.agentNo }),
    ...durationLimitEffects(limit),
  ]);
}

export function startThreeway(call: CallRecord, limit: DurationLimit | undefined): CallTransitionResult {
  const consult = call.consult;
  if (!consult || !call.customerLegId || !call.agentLegId) return refuse('INVALID_STATE', 'no consultation');
  if (consult.state === 'dialing') return refuse('INVALID_STATE', 'the consulted party has not answered yet');
  const next: CallRecord = {
    ...call,
    held: false,
    threeway: { legId: consult.legId, ...(consult.targetAgentNo ? { targetAgentNo: consult.targetAgentNo } : {}) },
  };
  delete next.consult;
  if (limit?.preAlertAudioFile) next.preAlertAudioFile = limit.preAlertAudioFile;
  return ok(next, [
    { type: 'setHold', legId: call.customerLegId, held: false },
    { type: 'setHold', legId: consult.legId, held: false },
    { type: 'connect', legIds: [call.agentLegId, call.customerLegId, consult.legId] },
    ...notify(call, call.agentNo, 'threewayAtxferResult', { ...consultTarget(consult), result: 'success' }),
    ...notify(call, consult.targetAgentNo, 'threewayAtxferResult', { ...consultTarget(consult), result: 'success' }),
    ...durationLimitEffects(limit),
  ]);
}

export function consultLegRinging(call: CallRecord): CallTransitionResult {
  const target = call.consult?.targetAgentNo;
  if (!target) return ok(call, []);
  return ok(call, [
    { type: 'agent', agentNo: target, command: { type: 'callRinging', callId: call.callId } },
    ...notify(call, target, 'ringing', forTarget(call)),
  ]);
}

export function consultLegAnswered(call: CallRecord): CallTransitionResult {
  const consult = call.consult;
  if (!consult || !call.agentLegId) return ok(call, []);
  const effects: CallEffect[] = [
    { type: 'connect', legIds: [call.agentLegId, consult.legId] },
    ...notify(call, call.agentNo, 'atxferLink', consultTarget(consult)),
  ];
  if (consult.targetAgentNo) {
    effects.push(...notify(call, consult.targetAgentNo, 'sessionInit', forTarget(call)), {
      type: 'agent',
      agentNo: consult.targetAgentNo,
      command: { type: 'callConnected', callId: call.callId },
    });
  }
  return ok({ ...call, consult: { ...consult, state: 'linked' } }, effects);
}

/** The consult leg ended before a transfer: the agent gets the customer back. */
export function consultLegEnded(call: CallRecord, cause: LegEndCause): CallTransitionResult {
  const consult = call.consult;
  if (!consult) return ok(call, []);
  const next: CallRecord = { ...call };
  delete next.consult;
  const effects: CallEffect[] = consult.state === 'resumed' ? [] : backToCustomer(call);
  if (consult.state === 'dialing' && !consult.cancelling) {
    effects.push(...notify(call, call.agentNo, 'atxferError', { ...consultTarget(consult), reason: cause }));
  } else {
    effects.push(
      ...notify(call, call.agentNo, 'atxferEnded', { ...consultTarget(consult), reason: consult.cancelling ? 'cancel' : 'hangup' }),
    );
  }
  if (consult.targetAgentNo) effects.push(...releaseTarget(call, consult.targetAgentNo, consult.state !== 'dialing', 'consultEnded'));
  return ok(next, effects);
}

/** A three-way party hung up: agent and customer go on. */
export function threewayLegEnded(call: CallRecord): CallTransitionResult {
  const party = call.threeway;
  if (!party || !call.agentLegId || !call.customerLegId) return ok(call, []);
  const next: CallRecord = { ...call };
  delete next.threeway;
  return ok(next, [
    { type: 'connect', legIds: [call.agentLegId, call.customerLegId] },
    ...notify(call, call.agentNo, 'atxferThreewayUnlink', { reason: 'hangup', party: 'target' }),
    ...(party.targetAgentNo ? releaseTarget(call, party.targetAgentNo, true, 'threewayEnded') : []),
  ]);
}

/** The agent leaves a three-way call: customer and third party go on, the third party's agent (if any) takes the call. */
export function agentLeavesThreeway(call: CallRecord): CallTransitionResult {
  const party = call.threeway;
  if (!party || !call.customerLegId) return ok(call, []);
  const next: CallRecord = { ...call, agentLegId: party.legId };
  delete next.threeway;
  if (party.targetAgentNo) next.agentNo = party.targetAgentNo;
  else delete next.agentNo;
  return ok(next, [
    { type: 'connect', legIds: [call.customerLegId, party.legId] },
    ...notify(call, call.agentNo, 'atxferThreewayUnlink', { reason: 'hangup', party: 'agent' }),
    ...agentLeaves(call, 'transferred'),
  ]);
}

function releaseTarget(call: CallRecord, agentNo: string, talked: boolean, reason: SessionTerminateReason): CallEffect[] {
  return [
    ...notify(call, agentNo, 'sessionTerminate', { side: 'agent', reason }),
    {
      type: 'agent',
      agentNo,
      command: talked
        ? { type: 'callEnded', callId: call.callId, wrapupSeconds: 0 }
        : { type: 'offerReleased', callId: call.callId, reason: 'other' },
    },
  ];
}
