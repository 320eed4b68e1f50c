/** Payloads of the call, transfer and supervisor events (docs/05-Events.md), without `eventType`. */
import type { CallTypeValue } from './enums.js';
import type { CallOutcome, CallSide, MuteDirection, SessionTerminateReason } from './event-enums.js';
import type { ChannelVariable } from './types.js';

/** Fields every call event carries. */
export interface CallSummary {
  callId: string;
  callType: CallTypeValue;
  /** The caller (inbound), the number dialled (outbound) or the callee (internal). */
  customerNumber: string;
  chanVariables: ChannelVariable[];
  /** Queue calls. */
  queueNo?: string;
  /** Preview outbound calls. */
  requestUniqueId?: string;
  /** Internal calls to an agent. */
  calleeAgentNo?: string;
}

/** A call offered to the agent (screen pop). The optional fields say how the call reached it. */
export interface RingingEvent extends CallSummary {
  /** Internal call: the calling agent. */
  callerAgentNo?: string;
  /** Consultation: the agent consulting this one. */
  consultingAgentNo?: string;
  /** Blind transfer: the agent who transferred the call. */
  transferredBy?: string;
}

export interface SessionInitEvent extends RingingEvent {
  /** Sent to a desktop that signed in while its agent was already in this call. */
  takenOver?: true;
  held?: boolean;
  muted?: { in: boolean; out: boolean };
}

export interface SessionTerminateEvent extends CallSummary {
  side: CallSide;
  /** Why the call ended for this agent. */
  reason: SessionTerminateReason;
  /** The call's outcome, present only when the call itself ended (not when it goes on without this agent). */
  outcome?: CallOutcome;
  /** pickup: the supervisor who took the call. */
  supervisorNo?: string;
}

export interface CallBridgedEvent extends CallSummary {
  callerAgentNo?: string;
  transferredBy?: string;
}

export interface CallMuteEvent extends CallSummary {
  direction: MuteDirection;
  muted: { in: boolean; out: boolean };
}

export interface PreviewObCallResultEvent extends CallSummary {
  result: 'success' | 'error';
  message: string;
}

export interface PreviewObCallStartEvent extends CallSummary {
  /** 1 for customerNumber, 2, 3, ... for each backup number. */
  attempt: number;
}

export interface ConsultEvent extends CallSummary {
  /** 0 PSTN, 1 agent, 2 extension. */
  targetType: 0 | 1 | 2;
  target: string;
}

export interface ConsultEndedEvent extends ConsultEvent {
  reason: 'resume' | 'cancel' | 'hangup';
}

export interface ConsultErrorEvent extends ConsultEvent {
  /** How the target's leg ended: `busy`, `noAnswer`, `rejected`, `invalid`, ... */
  reason: string;
}

export interface ConsultResultEvent extends ConsultEvent {
  result: 'success';
}

export interface ThreewayUnlinkEvent extends CallSummary {
  reason: 'hangup';
  /** Who left: the third party (`target`) or this agent (`agent`). */
  party: 'target' | 'agent';
}

export interface InteractReturnEvent extends CallSummary {
  ivrId: string;
  ivrNode: string;
  variables: Record<string, string>;
}

export interface MonitorEvent extends CallSummary {
  supervisorNo: string;
  agentNo: string;
}

export interface MonitorResultEvent extends MonitorEvent {
  result: 'success';
}

export interface MonitorUnlinkEvent extends MonitorEvent {
  /**
   * `hangup` (the supervisor left or hung up), `switched` (another mode follows), `callEnded`, or the end cause of a
   * supervisor phone that did not answer (open: it comes from the telephony).
   */
  reason: 'hangup' | 'switched' | 'callEnded' | (string & {});
}

export interface DisconnectResultEvent {
  agentNo: string;
  callId: string;
  result: 'success';
}

export interface CallEventPayloads {
  ringing: RingingEvent;
  sessionInit: SessionInitEvent;
  sessionTerminate: SessionTerminateEvent;
  callBridged: CallBridgedEvent;
  callHeld: CallSummary;
  callUnheld: CallSummary;
  callMuted: CallMuteEvent;
  callUnmuted: CallMuteEvent;
  previewObCallResult: PreviewObCallResultEvent;
  previewObCallStart: PreviewObCallStartEvent;
  previewObCallRinging: CallSummary;
  previewObCallBridge: CallSummary;
  atxferStart: ConsultEvent;
  atxferLink: ConsultEvent;
  atxferEnded: ConsultEndedEvent;
  atxferError: ConsultErrorEvent;
  completeAtxferResult: ConsultResultEvent;
  threewayAtxferResult: ConsultResultEvent;
  atxferThreewayUnlink: ThreewayUnlinkEvent;
  interactReturn: InteractReturnEvent;
  spyResult: MonitorResultEvent;
  spyLink: MonitorEvent;
  spyUnlink: MonitorUnlinkEvent;
  whisperResult: MonitorResultEvent;
  whisperLink: MonitorEvent;
  whisperUnlink: MonitorUnlinkEvent;
  bargeResult: MonitorResultEvent;
  bargeLink: MonitorEvent;
  bargeUnlink: MonitorUnlinkEvent;
  threewayResult: MonitorResultEvent;
  threewayLink: MonitorEvent;
  threewayUnlink: MonitorUnlinkEvent;
  disconnectResult: DisconnectResultEvent;
}

/** The events about a call, each with its payload (without `eventType`). */
export type CallEventName = keyof CallEventPayloads;
