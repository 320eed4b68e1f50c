/** Reads the call fields every call event carries (callId, callType, customerNumber, queueNo, chanVariables). */
import type { ChannelVariable } from '@agentsdk/sdk';

/** The screen pop: what the events say about a call. */
export interface CallInfo {
  callId: string;
  callType?: number;
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

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function channelVariablesOf(value: unknown): ChannelVariable[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ChannelVariable =>
      typeof item === 'object' && item !== null && typeof (item as ChannelVariable).name === 'string' && typeof (item as ChannelVariable).value === 'string',
  );
}

export function callInfoOf(payload: Record<string, unknown>): CallInfo | undefined {
  const callId = text(payload.callId);
  if (callId === undefined) return undefined;
  const info: CallInfo = { callId, chanVariables: channelVariablesOf(payload.chanVariables) };
  if (typeof payload.callType === 'number') info.callType = payload.callType;
  const customerNumber = text(payload.customerNumber);
  if (customerNumber !== undefined) info.customerNumber = customerNumber;
  const queueNo = text(payload.queueNo);
  if (queueNo !== undefined) info.queueNo = queueNo;
  const callerAgentNo = text(payload.callerAgentNo);
  if (callerAgentNo !== undefined) info.callerAgentNo = callerAgentNo;
  const calleeAgentNo = text(payload.calleeAgentNo);
  if (calleeAgentNo !== undefined) info.calleeAgentNo = calleeAgentNo;
  const consultingAgentNo = text(payload.consultingAgentNo);
  if (consultingAgentNo !== undefined) info.consultingAgentNo = consultingAgentNo;
  const transferredBy = text(payload.transferredBy);
  if (transferredBy !== undefined) info.transferredBy = transferredBy;
  return info;
}
