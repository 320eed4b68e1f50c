/** Words for the protocol's call types, outcomes and hang-up sides. */
import { CallType, type CallTypeValue } from '@agentsdk/protocol';

const CALL_TYPES: Record<CallTypeValue, string> = {
  [CallType.INBOUND]: 'Inbound',
  [CallType.WEB_CALL]: 'Web call',
  [CallType.CLICK_TO_CALL]: 'Click to call',
  [CallType.PREVIEW_OUTBOUND]: 'Preview outbound',
  [CallType.PREDICTIVE_OUTBOUND]: 'Predictive outbound',
  [CallType.DIRECT_OUTBOUND]: 'Direct outbound',
  [CallType.INTERNAL]: 'Internal',
  [CallType.SCHEDULED_CALLBACK]: 'Scheduled callback',
};

/** Calls placed from this side: the agent dialled out. */
const OUTGOING_TYPES: ReadonlySet<CallTypeValue> = new Set([
  CallType.CLICK_TO_CALL,
  CallType.PREVIEW_OUTBOUND,
  CallType.PREDICTIVE_OUTBOUND,
  CallType.DIRECT_OUTBOUND,
]);

export function callTypeLabel(callType: CallTypeValue | undefined): string {
  return callType === undefined ? 'Call' : (CALL_TYPES[callType] ?? `Type ${callType}`);
}

/** Calls the agent placed (outbound, internal as caller) versus received. */
export function isOutgoing(callType: CallTypeValue | undefined, calledByMe = true): boolean {
  if (callType === CallType.INTERNAL) return calledByMe;
  return callType !== undefined && OUTGOING_TYPES.has(callType);
}

const OUTCOMES: Record<string, string> = {
  completed: 'Completed',
  abandoned: 'Abandoned',
  queueTimeout: 'Queue timeout',
  agentNoAnswer: 'Not answered',
  customerBusy: 'Busy',
  customerNoAnswer: 'No answer',
  customerRejected: 'Declined',
  invalidNumber: 'Invalid number',
  cancelled: 'Cancelled',
  failed: 'Failed',
  rejected: 'Rejected',
  hangup: 'Completed',
  transferred: 'Transferred',
  transferFailed: 'Transfer failed',
  survey: 'To survey',
  pickedUp: 'Picked up by supervisor',
  supervisor: 'Ended by supervisor',
  consultEnded: 'Consultation ended',
  threewayEnded: 'Three-way ended',
};

export function outcomeLabel(outcome: string | undefined): string {
  if (outcome === undefined) return 'Ended';
  return OUTCOMES[outcome] ?? outcome;
}

export type OutcomeTone = 'good' | 'warn' | 'bad' | 'neutral';

export function outcomeTone(outcome: string | undefined): OutcomeTone {
  if (outcome === 'completed' || outcome === 'hangup' || outcome === 'transferred' || outcome === 'survey') return 'good';
  if (outcome === 'cancelled' || outcome === 'customerNoAnswer' || outcome === 'customerBusy' || outcome === 'agentNoAnswer') return 'warn';
  if (outcome === undefined) return 'neutral';
  return 'bad';
}

const SIDES: Record<string, string> = { agent: 'you hung up', customer: 'the caller hung up', system: 'ended by the system' };
const SUPERVISOR_REASONS: Record<string, string> = { supervisor: 'ended by a supervisor', pickedUp: 'picked up by a supervisor' };

/** Who ended the call: the side, unless a supervisor did it (the side is then `system`). */
export function endedByLabel({ side, reason }: { side?: string; reason?: string }): string | undefined {
  if (reason !== undefined && SUPERVISOR_REASONS[reason]) return SUPERVISOR_REASONS[reason];
  return side === undefined ? undefined : (SIDES[side] ?? side);
}
