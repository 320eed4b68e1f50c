/**
 * The desktop's view of the signed-in session, derived only from SDK events and the console's own requests.
 * `deskTransition(state, action)` is pure; `deskStore` applies it.
 */
import type { AgentStatus, ConnectionStateEvent, ReconnectAttemptEvent } from '@agentsdk/sdk';
import type { Explained } from '../sdk/refusal-messages.js';
import type { CallInfo } from './call-info.js';
import { callEventTransition } from './call-transitions.js';
import { mediaTransition, type MediaView } from './media-transitions.js';
import { SIGNED_OUT_BY_SUPERVISOR, supervisorNoticeOf } from './supervisor-notices.js';
import { supervisionTransition } from './supervision-transitions.js';
import { createStore } from './store.js';

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
  ivrResults: Record<string, unknown>[];
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

/**
 * A consultation (startAtxfer): `dialing` the target, `talking` with the target while the caller holds,
 * `withCaller` back with the caller while the target holds (resumeAtxfer), `threeway` all together.
 */
export interface ConsultState {
  /** startAtxfer targetType: 0 number, 1 agent, 2 extension. */
  targetType?: number;
  target: string;
  phase: 'dialing' | 'talking' | 'withCaller' | 'threeway';
  since: number;
}

export type MonitorMode = 'spy' | 'whisper' | 'barge' | 'threeway';

export interface MonitorState {
  mode: MonitorMode;
  agentNo: string;
  since: number;
  linked: boolean;
}

export interface EndedCall extends CallInfo {
  answeredAt?: number;
  outcome?: string;
  side?: string;
  reason?: string;
  endedAt: number;
  talkedMs?: number;
}

/** A call the agent dialled that did not connect: refused by the gateway, or ended before the customer answered. */
export type OutboundResult =
  | { kind: 'refused'; customerNumber: string; explained: Explained; at: number }
  | { kind: 'ended'; customerNumber: string; outcome: string; at: number };

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
  /** The browser softphone (endpointType 3): off, loading, registering, registered or failed. */
  softphone?: { state: string; reason?: string };
  /** The softphone call's media (ICE/DTLS state, quality, whether audio arrives). */
  media?: MediaView;
  /** The last thing a supervisor did to this agent (forced busy, ended the call), until dismissed. */
  supervisorNotice?: { text: string; at: number };
  /** The gateway ended the session (signed in elsewhere, supervisor, revoked key). */
  sessionEnd?: { reason: string; message: string };
}

export type SdkEventAction = { type: 'sdkEvent'; name: string; payload: Record<string, unknown>; at: number };

export type DeskAction =
  | SdkEventAction
  | { type: 'reset' }
  | { type: 'previewRequested'; customerNumber: string; at: number }
  | { type: 'previewAbandoned' }
  | { type: 'previewRefused'; customerNumber: string; explained: Explained; at: number }
  | { type: 'outboundResultDismissed' }
  | { type: 'supervisorNoticeDismissed' }
  | { type: 'consultStarted'; targetType: number; target: string; at: number }
  | { type: 'ivrEntered'; at: number }
  | { type: 'monitorStarted'; mode: MonitorMode; agentNo: string; at: number }
  | { type: 'monitorEnded' };

export const INITIAL_DESK_STATE: DeskState = { connection: { state: 'closed' }, endedCount: 0 };

export function deskTransition(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case 'reset':
      return { ...INITIAL_DESK_STATE, connection: state.connection };
    case 'previewRequested':
      return { ...state, outboundResult: undefined, preview: { customerNumber: action.customerNumber, steps: [{ name: 'requested', at: action.at }] } };
    case 'previewRefused':
      return { ...state, preview: undefined, outboundResult: { kind: 'refused', customerNumber: action.customerNumber, explained: action.explained, at: action.at } };
    case 'supervisorNoticeDismissed':
      return state.supervisorNotice === undefined ? state : { ...state, supervisorNotice: undefined };
    case 'outboundResultDismissed':
      return state.outboundResult === undefined ? state : { ...state, outboundResult: undefined };
    case 'previewAbandoned':
      return state.preview === undefined ? state : { ...state, preview: undefined };
    case 'consultStarted':
      return { ...state, consultFailure: undefined, consult: { targetType: action.targetType, target: action.target, phase: 'dialing', since: action.at } };
    case 'ivrEntered':
      return state.call ? { ...state, call: { ...state.call, inIvrSince: action.at } } : state;
    case 'monitorStarted':
      return { ...state, monitor: { mode: action.mode, agentNo: action.agentNo, since: action.at, linked: false } };
    case 'monitorEnded':
      return state.monitor === undefined ? state : { ...state, monitor: undefined };
    case 'sdkEvent': {
      const next = sdkEventTransition(state, action);
      const notice = supervisorNoticeOf(action.name, action.payload);
      return notice === undefined ? next : { ...next, supervisorNotice: { text: notice, at: action.at } };
    }
  }
}

function sdkEventTransition(state: DeskState, action: SdkEventAction): DeskState {
  const { name, payload } = action;
  switch (name) {
    case 'connectionState': {
      const event = payload as unknown as ConnectionStateEvent;
      const connection: ConnectionView = { state: event.state };
      if (event.reason !== undefined) connection.reason = event.reason;
      if (event.state === 'reconnecting' && state.connection.attempt !== undefined) connection.attempt = state.connection.attempt;
      return { ...state, connection };
    }
    case 'reconnectAttempt': {
      const event = payload as unknown as ReconnectAttemptEvent;
      return { ...state, connection: { ...state.connection, attempt: event.attempt } };
    }
    case 'agentStatus':
      return agentStatusTransition(state, payload as unknown as AgentStatus, action.at);
    case 'softphoneState':
      return { ...state, softphone: typeof payload.reason === 'string' ? { state: String(payload.state), reason: payload.reason } : { state: String(payload.state) } };
    case 'kickOut':
      return { ...state, sessionEnd: { reason: 'kickOut', message: 'You signed in on another desktop, so this one was signed out.' } };
    case 'forcedLogout':
      return {
        ...state,
        sessionEnd: {
          reason: String(payload.reason ?? 'forcedLogout'),
          message: payload.reason === 'supervisor' ? SIGNED_OUT_BY_SUPERVISOR : String(payload.message ?? 'The gateway ended the session.'),
        },
      };
    default:
      return mediaTransition(supervisionTransition(callEventTransition(state, action), action), action);
  }
}

/** The snapshot is the truth: a call or offer it no longer names is over, a call it names that we missed is shown. */
function agentStatusTransition(state: DeskState, agent: AgentStatus, at: number): DeskState {
  const previous = state.agent;
  const next: DeskState = { ...state, agent };
  if (previous === undefined || previous.state !== agent.state) {
    next.stateEnteredAt = previous !== undefined && agent.stateSince <= previous.stateSince ? at : agent.stateSince;
  }
  // Who monitors this agent, as far as it is told: the snapshot clears a mode whose Unlink named no successor.
  if (agent.monitoredBy === undefined) next.monitoredBy = undefined;
  if (next.offer && next.offer.callId !== agent.callId) next.offer = undefined;
  if (next.call && next.call.callId !== agent.callId) next.call = undefined;
  if (next.preview?.callId !== undefined && next.preview.callId !== agent.callId) next.preview = undefined;
  if (next.preview && next.preview.callId === undefined && agent.callType === 4 && agent.callId !== undefined) {
    next.preview = { ...next.preview, callId: agent.callId };
  }
  if (agent.state === 'talking' && agent.callId !== undefined && next.call === undefined && next.monitor === undefined) {
    // A call already up when this desktop signed in or resumed (a supervisor's monitoring leg is not one).
    next.call = { callId: agent.callId, chanVariables: [], phase: 'connected', connectedAt: agent.stateSince, talkingSince: agent.stateSince, held: false, muted: { in: false, out: false }, ivrResults: [], takenOver: true };
    if (agent.callType !== undefined) next.call.callType = agent.callType;
  }
  if (agent.state === 'offline') {
    next.offer = undefined;
    next.call = undefined;
    next.preview = undefined;
    next.consult = undefined;
  }
  return next;
}

export const deskStore = createStore(deskTransition, INITIAL_DESK_STATE);
