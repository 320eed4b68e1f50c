/** How calls begin: a customer calling a queue, or an agent placing a call (preview outbound, internal). */
import { CallType, type ChannelVariable } from '@agentsdk/protocol';
import type { Destination, DialRequest } from '../ports/telephony.js';
import { arriveInIvr } from './blind-transfer-and-ivr.js';
import { PROMPTS, notify, type CallEffect, type CallRecord, type DialerCallTag, type IvrNode } from './call.js';
import { nextLegId } from './call-legs.js';

interface ArrivingCall {
  callId: string;
  tenantId: string;
  from: string;
  legId: string;
  wrapupSeconds: number;
}

/** A customer's call arrives for a queue: answer it, play queue music, and look for an agent. */
export function inboundCall(
  input: ArrivingCall & { queueNo: string; queueTimeoutMs: number },
  now: number,
): { call: CallRecord; effects: CallEffect[] } {
  const call: CallRecord = {
    ...arrivingCall(input, now),
    phase: 'queued',
    queueNo: input.queueNo,
    queuedAt: now,
    queueTimeoutMs: input.queueTimeoutMs,
    queueDeadline: now + input.queueTimeoutMs,
  };
  return {
    call,
    effects: [
      { type: 'answerLeg', legId: input.legId },
      { type: 'play', legId: input.legId, prompt: PROMPTS.queueMusic },
      { type: 'schedule', event: 'queueTimeout', delayMs: input.queueTimeoutMs },
      { type: 'route', queueNo: input.queueNo },
    ],
  };
}

/** A customer's call arrives in an IVR (a DID mapped to one): answer it and walk the IVR from its first node. */
export function inboundIvrCall(
  input: ArrivingCall & { ivrId: string; nodes: IvrNode[] },
  now: number,
): { call: CallRecord; effects: CallEffect[] } | undefined {
  const arrived = arriveInIvr(arrivingCall(input, now), input.ivrId, input.nodes, now);
  return arrived.ok ? { call: arrived.next, effects: arrived.effects } : undefined;
}

function arrivingCall(input: ArrivingCall, now: number): CallRecord {
  return {
    callId: input.callId,
    tenantId: input.tenantId,
    callType: CallType.INBOUND,
    phase: 'ivr',
    customerNumber: input.from,
    customerLegId: input.legId,
    variables: [],
    backupNumbers: [],
    customerAnswerTimeoutMs: 0,
    wrapupSeconds: input.wrapupSeconds,
    held: false,
    muted: { in: false, out: false },
    declinedBy: [],
    cdrIsAsr: 1,
    legs: [{ legId: input.legId, party: 'customer', number: input.from, startedAt: now }],
    createdAt: now,
  };
}

export interface OutboundCallInput {
  callId: string;
  tenantId: string;
  callType: typeof CallType.PREVIEW_OUTBOUND | typeof CallType.PREDICTIVE_OUTBOUND | typeof CallType.INTERNAL;
  agentNo: string;
  agentLeg: DialRequest;
  customerNumber: string;
  customerDestination: Destination;
  calleeAgentNo?: string;
  callerId?: string;
  backupNumbers: string[];
  customerAnswerTimeoutMs: number;
  variables: ChannelVariable[];
  requestUniqueId?: string;
  cdrIsAsr: 0 | 1;
  wrapupSeconds: number;
  dialer?: DialerCallTag;
}

/** An agent's own call (preview outbound, internal, or the dialer's): ring the agent first, then the other party. */
export function outboundCall(input: OutboundCallInput, now: number): { call: CallRecord; effects: CallEffect[] } {
  const customerLegId = nextLegId({ callId: input.callId, legs: [] }, 'customer');
  const call: CallRecord = {
    callId: input.callId,
    tenantId: input.tenantId,
    callType: input.callType,
    phase: 'agentDialing',
    customerNumber: input.customerNumber,
    customerDestination: input.customerDestination,
    customerLegId,
    agentNo: input.agentNo,
    agentLegId: input.agentLeg.legId,
    variables: input.variables,
    backupNumbers: input.backupNumbers,
    customerAnswerTimeoutMs: input.customerAnswerTimeoutMs,
    wrapupSeconds: input.wrapupSeconds,
    held: false,
    muted: { in: false, out: false },
    declinedBy: [],
    cdrIsAsr: input.cdrIsAsr,
    legs: [
      { legId: input.agentLeg.legId, party: 'agent', number: input.agentLeg.destination.address, agentNo: input.agentNo, startedAt: now },
      {
        legId: customerLegId,
        party: input.calleeAgentNo ? 'agent' : 'customer',
        number: input.customerNumber,
        agentNo: input.calleeAgentNo,
        startedAt: now,
      },
    ],
    createdAt: now,
  };
  if (input.callerId !== undefined) call.callerId = input.callerId;
  if (input.calleeAgentNo !== undefined) call.calleeAgentNo = input.calleeAgentNo;
  if (input.requestUniqueId !== undefined) call.requestUniqueId = input.requestUniqueId;
  if (input.dialer !== undefined) call.dialer = input.dialer;
  const effects: CallEffect[] = [];
  if (input.callType === CallType.PREVIEW_OUTBOUND) {
    effects.push(...notify(call, input.agentNo, 'previewObCallResult', { result: 'success', message: 'dialing' }));
  }
  effects.push({ type: 'dial', request: input.agentLeg });
  return { call, effects };
}
