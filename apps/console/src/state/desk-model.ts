/**
 * The shapes of the desk state, its initial value and the actions that change it. The transitions (`desk-state.ts`,
 * `*-transitions.ts`) import them from here, and nothing here imports a transition.
 */
import type {
  AgentStatus,
  CallOutcome,
  ConnectionStateEvent,
  EventMap,
  EventName,
  InteractReturnEvent,
  MonitorMode,
  SessionTerminateEvent,
  SessionTerminateReason,
  WebrtcStatsEvent,
} from '@agentsdk/sdk';
import type { Explained } from '../sdk/refusal-messages.js';
import type { CallInfo } from './call-info.js';

export type { MonitorMode };

export type ConnectionStateName = ConnectionStateEvent['state'];

export interface ConnectionView {
  state: ConnectionStateName;
  reason?: string;
  /** While reconnecting: the attempt in progress. */
  attempt?: number;
}

export type CallPhase = 'dialing' | 'connected';

export interface ActiveCall extends CallInfo {
  /** `dialing`: the agent's phone is up, the far end is not yet (preview outbound). */
  phase: CallPhase;
  /** When the agent's leg came up. */
  connectedAt: number;
  /** When the conversation started (far end connected). */
  talkingSince?: number;
  held: boolean;
  muted: { in: boolean; out: boolean };
  /** `interactReturn` payloads of IVR interactions during the call. */
  ivrResults: InteractReturnEvent[];
  /** Since when the caller is in an IVR (transferIvr) while the agent waits for the result. */
  inIvrSince?: number;
  /** Known only from the agent's status (a call already up when this desktop signed in): no caller details. */
  takenOver?: boolean;
}

export type PreviewStepName = 'requested' | 'result' | 'agentAnswered' | 'start' | 'ringing' | 'bridge';

export interface PreviewProgress {
  customerNumber: string;
  callId?: string;
  steps: { name: PreviewStepName; at: number; detail?: string }[];
  failed?: string;
}

/** startAtxfer `targetType`: 0 number, 1 agent, 2 extension. */
export type ConsultTargetType = EventMap['atxferStart']['targetType'];

/**
 * A consultation (startAtxfer): `dialing` the target, `talking` with the target while the caller holds,
 * `withCaller` back with the caller while the target holds (resumeAtxfer), `threeway` all together.
 */
export interface ConsultState {
  targetType?: ConsultTargetType;
  target: string;
  phase: 'dialing' | 'talking' | 'withCaller' | 'threeway';
  since: number;
}

export interface MonitorState {
  mode: MonitorMode;
  agentNo: string;
  since: number;
  linked: boolean;
}

/** How a call ended for the agent: the record's outcome, or the reason when that is all the event says. */
export type EndedOutcome = CallOutcome | SessionTerminateReason;

export interface EndedCall extends CallInfo {
  answeredAt?: number;
  outcome?: EndedOutcome;
  side?: SessionTerminateEvent['side'];
  reason?: SessionTerminateReason;
  endedAt: number;
  talkedMs?: number;
}

/** A call the agent dialled that did not connect: refused by the gateway, or ended before the customer answered. */
export type OutboundResult =
  | { kind: 'refused'; customerNumber: string; explained: Explained; at: number }
  | { kind: 'ended'; customerNumber: string; outcome: EndedOutcome; at: number };

/** The softphone call's media as the SDK reports it (`sipSessionInit`, `webrtcStats`, `sipSessionTerminate`). */
export interface MediaView {
  callId: string;
  /** When the softphone call was answered, or last resumed from hold: the silence is counted from here. */
  since: number;
  /** The last sample that showed audio arriving. */
  lastAudioAt?: number;
  sample?: WebrtcStatsEvent;
}

export interface DeskState {
  connection: ConnectionView;
  agent?: AgentStatus;
  /**
   * When the agent entered its current state, as this desk saw it: the gateway's `stateSince`, or the moment the state
   * changed when `stateSince` did not move (back to Available after a call that never connected keeps the old one).
   */
  stateEnteredAt?: number;
  /** A call offered to the agent (ringing): the incoming banner. */
  offer?: CallInfo;
  call?: ActiveCall;
  preview?: PreviewProgress;
  consult?: ConsultState;
  /** The last consultation that failed (atxferError), shown until the next one starts or the call ends. */
  consultFailure?: { target: string; reason: string };
  monitor?: MonitorState;
  /** A supervisor listening, whispering or joined on this agent's call. */
  monitoredBy?: { mode: MonitorMode; supervisorNo: string };
  lastEnded?: EndedCall;
  outboundResult?: OutboundResult;
  /** Counts ended calls, so views that list calls know when to refresh. */
  endedCount: number;
  /** The browser softphone (endpointType 3). */
  softphone?: { state: EventMap['softphoneState']['state']; reason?: string };
  /** The softphone call's media (ICE/DTLS state, quality, whether audio arrives). */
  media?: MediaView;
  /** The last thing a supervisor did to this agent (forced busy, ended the call), until dismissed. */
  supervisorNotice?: { text: string; at: number };
  /** The gateway ended the session (signed in elsewhere, supervisor, revoked key, a sign-out that waited for a call). */
  sessionEnd?: { reason: string; message: string };
  /** The agent asked to sign out once the call and its wrap-up are over (logoutMode 2). */
  logoutDeferred?: true;
}

/** One SDK event: `name` narrows `payload` to that event's type (the SDK's `EventMap`). */
export type SdkEvent = { [K in EventName]: { name: K; payload: EventMap[K] } }[EventName];

/** An SDK event as the desk receives it. */
export type SdkEventAction = SdkEvent & { type: 'sdkEvent'; at: number };

export type DeskAction =
  | SdkEventAction
  | { type: 'reset' }
  | { type: 'previewRequested'; customerNumber: string; at: number }
  | { type: 'previewAbandoned' }
  | { type: 'previewRefused'; customerNumber: string; explained: Explained; at: number }
  | { type: 'outboundResultDismissed' }
  | { type: 'supervisorNoticeDismissed' }
  | { type: 'consultStarted'; targetType: ConsultTargetType; target: string; at: number }
  | { type: 'ivrEntered'; at: number }
  | { type: 'monitorStarted'; mode: MonitorMode; agentNo: string; at: number }
  | { type: 'monitorEnded' }
  | { type: 'logoutDeferred' };

export const INITIAL_DESK_STATE: DeskState = { connection: { state: 'closed' }, endedCount: 0 };
