/**
 * The desktop's view of the signed-in session, derived only from SDK events and the console's own requests.
 * `deskTransition(state, action)` is pure; `deskStore` applies it. The shapes live in `desk-model.ts`.
 */
import { CallType } from '@agentsdk/protocol';
import type { AgentStatus } from '@agentsdk/sdk';
import { callEventTransition } from './call-transitions.js';
import { INITIAL_DESK_STATE, type ConnectionView, type DeskAction, type DeskState, type SdkEventAction } from './desk-model.js';
import { mediaTransition } from './media-transitions.js';
import { createStore } from './store.js';
import { SIGNED_OUT_BY_SUPERVISOR, supervisorNoticeOf } from './supervisor-notices.js';
import { supervisionTransition } from './supervision-transitions.js';

export type {
  ActiveCall,
  CallPhase,
  ConnectionStateName,
  ConnectionView,
  ConsultState,
  DeskAction,
  DeskState,
  EndedCall,
  MonitorMode,
  MonitorState,
  OutboundResult,
  PreviewProgress,
  PreviewStepName,
  SdkEventAction,
} from './desk-model.js';
export { INITIAL_DESK_STATE } from './desk-model.js';

export function deskTransition(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case 'reset':
      return { ...INITIAL_DESK_STATE, connection: state.connection };
    case 'previewRequested':
      return {
        ...state,
        outboundResult: undefined,
        preview: { customerNumber: action.customerNumber, steps: [{ name: 'requested', at: action.at }] },
      };
    case 'previewRefused':
      return {
        ...state,
        preview: undefined,
        outboundResult: { kind: 'refused', customerNumber: action.customerNumber, explained: action.explained, at: action.at },
      };
    case 'supervisorNoticeDismissed':
      return state.supervisorNotice === undefined ? state : { ...state, supervisorNotice: undefined };
    case 'outboundResultDismissed':
      return state.outboundResult === undefined ? state : { ...state, outboundResult: undefined };
    case 'previewAbandoned':
      return state.preview === undefined ? state : { ...state, preview: undefined };
    case 'consultStarted':
      return {
        ...state,
        consultFailure: undefined,
        consult: { targetType: action.targetType, target: action.target, phase: 'dialing', since: action.at },
      };
    case 'ivrEntered':
      return state.call ? { ...state, call: { ...state.call, inIvrSince: action.at } } : state;
    case 'monitorStarted':
      return { ...state, monitor: { mode: action.mode, agentNo: action.agentNo, since: action.at, linked: false } };
    case 'monitorEnded':
      return state.monitor === undefined ? state : { ...state, monitor: undefined };
    case 'logoutDeferred':
      return { ...state, logoutDeferred: true };
    case 'sdkEvent': {
      const next = sdkEventTransition(state, action);
      const notice = supervisorNoticeOf(action);
      return notice === undefined ? next : { ...next, supervisorNotice: { text: notice, at: action.at } };
    }
  }
}

function sdkEventTransition(state: DeskState, action: SdkEventAction): DeskState {
  switch (action.name) {
    case 'connectionState': {
      const event = action.payload;
      const connection: ConnectionView = { state: event.state };
      if (event.reason !== undefined) connection.reason = event.reason;
      if (event.state === 'reconnecting' && state.connection.attempt !== undefined) connection.attempt = state.connection.attempt;
      return { ...state, connection };
    }
    case 'reconnectAttempt':
      return { ...state, connection: { ...state.connection, attempt: action.payload.attempt } };
    case 'agentStatus':
      return agentStatusTransition(state, action.payload, action.at);
    case 'softphoneState': {
      const { state: softphoneState, reason } = action.payload;
      return { ...state, softphone: reason === undefined ? { state: softphoneState } : { state: softphoneState, reason } };
    }
    case 'kickOut':
      return { ...state, sessionEnd: { reason: 'kickOut', message: 'You signed in on another desktop, so this one was signed out.' } };
    case 'forcedLogout': {
      const { reason, message } = action.payload;
      return {
        ...state,
        sessionEnd: { reason, message: reason === 'supervisor' ? SIGNED_OUT_BY_SUPERVISOR : (message ?? 'The gateway ended the session.') },
      };
    }
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
  if (next.preview && next.preview.callId === undefined && agent.callType === CallType.PREVIEW_OUTBOUND && agent.callId !== undefined) {
    next.preview = { ...next.preview, callId: agent.callId };
  }
  if (agent.state === 'talking' && agent.callId !== undefined && next.call === undefined && next.monitor === undefined) {
    // A call already up when this desktop signed in or resumed (a supervisor's monitoring leg is not one).
    next.call = {
      callId: agent.callId,
      chanVariables: [],
      phase: 'connected',
      connectedAt: agent.stateSince,
      talkingSince: agent.stateSince,
      held: false,
      muted: { in: false, out: false },
      ivrResults: [],
      takenOver: true,
    };
    if (agent.callType !== undefined) next.call.callType = agent.callType;
  }
  if (agent.state === 'offline' && state.logoutDeferred && agent.stateAction === 'logout') {
    next.sessionEnd = { reason: 'logout', message: 'You are signed out: the call and its wrap-up you were finishing are over.' };
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
