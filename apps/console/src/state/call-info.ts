/** Reads the call fields every call event carries (callId, callType, customerNumber, queueNo, chanVariables). */
import type { CallSummary, CallTypeValue, ChannelVariable, RingingEvent } from '@agentsdk/sdk';

/** The screen pop: what the events say about a call. */
export interface CallInfo {
  callId: string;
  callType?: CallTypeValue;
  customerNumber?: string;
  queueNo?: string;
  chanVariables: ChannelVariable[];
  /** Internal call from a colleague: who calls. */
  callerAgentNo?: string;
  /** Internal call to a colleague: who is called. */
  calleeAgentNo?: string;
  /** A colleague consults this agent about their call (the consulted side of startAtxfer). */
  consultingAgentNo?: string;
  /** A colleague transferred the call to this agent. */
  transferredBy?: string;
}

/** A call event: every one carries the call's summary, some say how the call reached the agent. */
export type CallEvent = CallSummary & Partial<Pick<RingingEvent, 'callerAgentNo' | 'consultingAgentNo' | 'transferredBy'>>;

const OPTIONAL_TEXT = ['customerNumber', 'queueNo', 'callerAgentNo', 'calleeAgentNo', 'consultingAgentNo', 'transferredBy'] as const;

/** The call of an event; undefined for an event without a call id. Empty texts count as absent. */
export function callInfoOf(event: CallEvent): CallInfo | undefined {
  if (!event.callId) return undefined;
  const info: CallInfo = { callId: event.callId, chanVariables: event.chanVariables ?? [] };
  if (event.callType !== undefined) info.callType = event.callType;
  for (const field of OPTIONAL_TEXT) {
    const value = event[field];
    if (value) info[field] = value;
  }
  return info;
}
