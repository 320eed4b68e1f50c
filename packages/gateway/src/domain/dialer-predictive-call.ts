/**
 * The dialer's predictive calls (docs/dialer.md, "Predictive pacing"), a family of the call machine: the customer is
 * dialled first, with no agent. Once the customer answers, the call waits (`awaitingAgent`) for the dialer to offer it
 * to an agent of the task (`offered`, as a queue call is); an agent who does not take it leaves it waiting again. No
 * agent connected within 2 s of the answer: the customer hears a short message, then the call ends `abandoned`.
 * Pure, like the rest of the call machine.
 */
import { CallType, type ChannelVariable } from '@agentsdk/protocol';
import type { Destination, LegEndCause } from '../ports/telephony.js';
import { PROMPTS, endCall, notify, type CallEffect, type CallRecord, type CallTransitionResult, type DialerCallTag } from './call.js';
import { dialRequest, nextLegId } from './call-legs.js';
import { ABANDON_AFTER_MS } from './dialer-pacing.js';

/** How long the abandon message plays before the call ends. */
export const ABANDON_MESSAGE_MS = 3_000;

export interface PredictiveCallInput {
  callId: string;
  tenantId: string;
  customerNumber: string;
  callerId?: string;
  customerAnswerTimeoutMs: number;
  variables: ChannelVariable[];
  dialer: DialerCallTag;
}

const unchanged = (call: CallRecord): CallTransitionResult => ({ ok: true, next: call, effects: [] });

/** A predictive call: ring the customer; no agent is attached until the customer answers. */
export function predictiveCall(input: PredictiveCallInput, now: number): { call: CallRecord; effects: CallEffect[] } {
  const customerLegId = nextLegId({ callId: input.callId, legs: [] }, 'customer');
  const destination: Destination = { kind: 'pstn', address: input.customerNumber, party: 'customer' };
  const call: CallRecord = {
    callId: input.callId,
    tenantId: input.tenantId,
    callType: CallType.PREDICTIVE_OUTBOUND,
    phase: 'customerDialing',
    customerNumber: input.customerNumber,
    customerDestination: destination,
    customerLegId,
    variables: input.variables,
    backupNumbers: [],
    customerAnswerTimeoutMs: input.customerAnswerTimeoutMs,
    // The agent's, once one is offered the call.
    wrapupSeconds: 0,
    held: false,
    muted: { in: false, out: false },
    declinedBy: [],
    cdrIsAsr: 1,
    legs: [{ legId: customerLegId, party: 'customer', number: input.customerNumber, startedAt: now }],
    createdAt: now,
    dialer: input.dialer,
  };
  if (input.callerId !== undefined) call.callerId = input.callerId;
  const request = dialRequest(call, customerLegId, destination, input.customerAnswerTimeoutMs, input.callerId ?? '');
  return { call, effects: [{ type: 'dial', request }] };
}

/** Whether the call is a predictive one still waiting for its agent (none offered, or one ringing). */
const waitsForAgent = (call: CallRecord) =>
  call.phase === 'awaitingAgent' || (call.phase === 'offering' && call.queueNo === undefined && call.dialer !== undefined);

/** The customer answered (the leg's `answeredAt` is set): the call waits for an agent, at most ABANDON_AFTER_MS. */
export function customerAnsweredFirst(call: CallRecord): CallTransitionResult {
  return {
    ok: true,
    next: { ...call, phase: 'awaitingAgent' },
    effects: [{ type: 'schedule', event: 'abandonTimeout', delayMs: ABANDON_AFTER_MS }],
  };
}

/** The offered agent's leg ended unanswered: the agent is released and the call waits for another agent. */
export function predictiveOfferEnded(call: CallRecord, cause: LegEndCause): CallTransitionResult {
  if (!call.agentNo) return unchanged(call);
  const agentNo = call.agentNo;
  const next: CallRecord = { ...call, phase: 'awaitingAgent', declinedBy: [...call.declinedBy, agentNo] };
  delete next.agentNo;
  delete next.agentLegId;
  return {
    ok: true,
    next,
    effects: [
      ...notify(call, agentNo, 'sessionTerminate', { side: 'agent', reason: cause === 'rejected' ? 'rejected' : 'agentNoAnswer' }),
      {
        type: 'agent',
        agentNo,
        command: { type: 'offerReleased', callId: call.callId, reason: cause === 'noAnswer' ? 'ringNoAnswer' : 'other' },
      },
    ],
  };
}

/**
 * 2 s after the customer's answer: a customer still without an agent hears the abandon message (an agent still ringing
 * is released) and the call ends `abandoned` once it has played. No agent is offered the call meanwhile.
 */
export function abandonTimeout(call: CallRecord): CallTransitionResult {
  if (!waitsForAgent(call) || call.endRequested || !call.customerLegId) return unchanged(call);
  const next: CallRecord = { ...call, phase: 'awaitingAgent', endRequested: { outcome: 'abandoned', side: 'system', reason: 'abandoned' } };
  const effects: CallEffect[] = [];
  if (call.agentNo && call.agentLegId) {
    effects.push(
      { type: 'hangupLeg', legId: call.agentLegId, cause: 'cancelled' },
      ...notify(call, call.agentNo, 'sessionTerminate', { side: 'system', reason: 'abandoned' }),
      { type: 'agent', agentNo: call.agentNo, command: { type: 'offerReleased', callId: call.callId, reason: 'other' } },
    );
    delete next.agentNo;
    delete next.agentLegId;
  }
  effects.push(
    { type: 'play', legId: call.customerLegId, prompt: PROMPTS.abandoned },
    { type: 'schedule', event: 'abandonMessagePlayed', delayMs: ABANDON_MESSAGE_MS },
  );
  return { ok: true, next, effects };
}

/** The abandon message has played: the call ends. */
export function abandonMessagePlayed(call: CallRecord, now: number): CallTransitionResult {
  if (call.phase !== 'awaitingAgent' || call.endRequested?.outcome !== 'abandoned') return unchanged(call);
  return endCall(call, 'abandoned', 'system', now, 'abandoned');
}

/**
 * A leg of a call waiting for its agent ended: the customer's ends the call, abandoned (the customer did not wait),
 * or as the gateway asked when it hung up (after the abandon message, or a supervisor's disconnect of the offer).
 */
export function waitingLegEnded(call: CallRecord, legId: string, now: number): CallTransitionResult {
  if (legId !== call.customerLegId) return unchanged(call);
  const requested = call.endRequested;
  return endCall(call, requested?.outcome ?? 'abandoned', requested?.side ?? 'customer', now, requested?.reason ?? 'abandoned');
}
