/**
 * The event catalogue (docs/05-Events.md): every event name, its `EventType` constant and its payload.
 * Every payload carries `eventType`, the event's name.
 */
import type { CallEventPayloads } from './call-events.js';
import { constantName, constantsOf, type ConstantName } from './constant-names.js';
import { OPERATION_NAMES, responseActionOf, type OperationName, type ResponseAction } from './operation-names.js';
import type { OperationResponse, QueueStatusResult, SdkResponse } from './operations.js';
import type { ConnectionState, ForcedLogoutReason, SoftphoneState } from './event-enums.js';
import type { AgentStatus } from './types.js';
import type { DialerNumberOutcomeEvent, DialerTaskEvent } from './dialer-tasks.js';

/** Events that are not operation responses; each one's `EventType` constant is its name in SCREAMING_SNAKE_CASE. */
const NOTIFICATION_EVENTS = constantsOf([
  // The agent's full status (`state`, `stateAction`, `loginStatus`, `deviceStatus`, pause, call, monitoring) after every transition. docs/05 "agentStatus", docs/08.
  'agentStatus',
  // Preview outbound: the dial request was accepted (`result: 'success'`) or failed (`'error'`). Spec 4.1, docs/10 "Preview outbound".
  'previewObCallResult',
  // Preview outbound: the customer's number (`attempt` 1) or a backup number (2, 3, …) is being dialled.
  'previewObCallStart',
  // Preview outbound: the customer's phone rings.
  'previewObCallRinging',
  // Preview outbound: the customer answered and is connected to the agent.
  'previewObCallBridge',
  // Consultation (startAtxfer) started: the customer is on hold, the target is being called. Spec 5.1.
  'atxferStart',
  // Consultation: the agent is talking to the target (it answered, or resumeAtxfer switched back to it).
  'atxferLink',
  // Consultation paused or ended: `reason` `resume` (back with the customer), `cancel`, `hangup`.
  'atxferEnded',
  // Consultation failed: the target could not be reached (`reason`: `busy`, `noAnswer`, …); the agent is back with the customer.
  'atxferError',
  // threewayAtxfer succeeded: agent, customer and consulted party hear each other. Spec 5.3.
  'threewayAtxferResult',
  // A party left the consultation's three-way call (`party` `target` or `agent`).
  'atxferThreewayUnlink',
  // completeAtxfer succeeded: the customer is with the consulted party. Spec 5.2.
  'completeAtxferResult',
  // A call is offered to the agent (screen pop): caller, queue, channel variables, how it came. docs/10 "Inbound call answered".
  'ringing',
  // The agent's leg of the call is up (answered).
  'sessionInit',
  // The call ended for the agent: `side`, `reason`, and `outcome` when the call itself ended.
  'sessionTerminate',
  // Softphone (local): the browser call is answered and its audio connected. docs/11.
  'sipSessionInit',
  // Softphone (local): a browser call, ringing or answered, ended.
  'sipSessionTerminate',
  // Softphone (local): the SIP signalling socket was lost; it reconnects and registers again by itself.
  'sipDisconnected',
  // Local: the SDK is about to try reconnecting (`attempt`, `delayMs`). docs/03 "Reconnect, resume and replay".
  'reconnectAttempt',
  // Supervisors: the watched queues' status, pushed on change and answering getQueueStatus. Spec 7.8.
  'queueStatus',
  // spy accepted: the supervisor's phone is being called. Spec 7.2.
  'spyResult',
  // The supervisor listens to the call (to supervisor and agent).
  'spyLink',
  // The supervisor stopped listening (`reason`: `hangup`, `switched`, `callEnded`, …).
  'spyUnlink',
  // performThreeway accepted. Spec 7.3.
  'threewayResult',
  // The supervisor is in the call as a third party.
  'threewayLink',
  // The supervisor left the three-way call.
  'threewayUnlink',
  // whisper accepted. Spec 7.4.
  'whisperResult',
  // The supervisor speaks to the agent only.
  'whisperLink',
  // The supervisor stopped whispering.
  'whisperUnlink',
  // barge accepted. Spec 7.5.
  'bargeResult',
  // The supervisor is heard by agent and customer.
  'bargeLink',
  // The supervisor left the barged call.
  'bargeUnlink',
  // disconnect ended the agent's call (to the supervisor). Spec 7.5.
  'disconnectResult',
  // setOffline signed the agent out (to the supervisor). Spec 7.7.
  'setOfflineResult',
  // transferIvr: the customer is back from the IVR with the variables it collected. Spec 5.5.
  'interactReturn',
  // Softphone (local, `setup({ webrtcStats: true })`): call quality every 2 s.
  'webrtcStats',
  // Ours: the agent and the other party are connected (every call type; for inbound calls it follows sessionInit).
  'callBridged',
  // Ours: the call was put on hold (`hold`).
  'callHeld',
  // Ours: the call was taken off hold (`unhold`).
  'callUnheld',
  // Ours: the agent's audio was muted in a direction (`mute`).
  'callMuted',
  // Ours: the agent's audio was unmuted in a direction (`unmute`).
  'callUnmuted',
  // Ours: this session was replaced by a sign-in of the same agent elsewhere; the socket closes with 4001.
  'kickOut',
  // Ours: the gateway ended this session (supervisor, revoked key, expired session); the socket closes with 4002.
  'forcedLogout',
  // Ours, local to the SDK: the connection to the gateway changed state (`connecting`, `open`, `reconnecting`, `closed`).
  'connectionState',
  // Ours, local to the SDK: the softphone's registration changed state. docs/11.
  'softphoneState',
  // Ours: a dialer task started or paused for an agent, was paused or resumed, changed or finished; with its progress. docs/dialer.md.
  'dialerTask',
  // Ours: one attempt at a dialer task's number ended (`outcome`), to its agent and the tenant's supervisors. docs/dialer.md.
  'dialerNumberOutcome',
]);

type ResponseConstants = {
  [K in Exclude<OperationName, 'getQueueStatus'> as `${ConstantName<K>}_RESP`]: ResponseAction<K>;
};

const RESPONSE_EVENTS = Object.fromEntries(
  OPERATION_NAMES.filter((name) => name !== 'getQueueStatus').map((name) => [`${constantName(name)}_RESP`, responseActionOf(name)]),
) as ResponseConstants;

/** `EventType.AGENT_STATUS === 'agentStatus'`, `EventType.LOGIN_RESP === 'loginResp'`, one member per event. */
export const EventType = Object.freeze({ ...NOTIFICATION_EVENTS, ...RESPONSE_EVENTS });
export type EventTypeMap = typeof EventType;
export type EventName = EventTypeMap[keyof EventTypeMap];

export type ReconnectAttemptEvent = { attempt: number; delayMs: number };
export type KickOutEvent = { reason: 'loggedInElsewhere'; sessionId: string };
export type ForcedLogoutEvent = { reason: ForcedLogoutReason; sessionId: string; message: string };
export type ConnectionStateEvent = {
  state: ConnectionState;
  reason?: string;
  /**
   * On `open` after a resume: the gateway could not replay every missed event (its replay window moved on, or the
   * node holding the session died). The snapshots that follow (`agentStatus`, and `sessionInit` for a call in
   * progress) are the truth; rebuild what you show from them.
   */
  resync?: true;
};
/** After `setOfflineResp`, to the supervisor who signed the agent out. */
export type SetOfflineResultEvent = { agentNo: string; result: 'success' };
/**
 * Pushed to supervisors when a watched queue changes (at most one a second by default): every watched queue, every
 * section. Shaped like the `getQueueStatus` response, whose event has the same name, so one handler serves both.
 */
export type QueueStatusEvent = SdkResponse<'queueStatus'> & QueueStatusResult;

/** Local to the SDK: the softphone call (SIP session) is answered and its audio connected. */
export type SipSessionInitEvent = {
  /** The gateway's call the session carries (the INVITE's X-Call-Id). */
  callId: string;
  /** The SIP dialog's Call-ID. */
  sipCallId: string;
  /** The caller the gateway presents: the customer's number, or the calling agent. */
  remoteNumber: string;
  direction: 'incoming';
};
/** Local to the SDK: a softphone call (ringing or answered) ended. */
export type SipSessionTerminateEvent = {
  callId: string;
  sipCallId: string;
  /** JsSIP's cause: `Terminated` (hung up), `Canceled` (stopped ringing), `Rejected`, `Connection Error`, ... */
  cause: string;
  /** Who ended it: `local` (this client: sipUnlink), `remote` (the gateway), `system` (a failure). */
  originator: 'local' | 'remote' | 'system';
  /** Whether the call had been answered. */
  answered: boolean;
};
/** Local to the SDK: the softphone's signalling WebSocket was lost; it reconnects and registers again by itself. */
export type SipDisconnectedEvent = { reason?: string; code?: number };
/** Local to the SDK, every 2 s of a softphone call with `setup({ webrtcStats: true })`. */
export type WebrtcStatsEvent = {
  callId: string;
  sipCallId: string;
  /** Epoch ms of the sample. */
  timestamp: number;
  /** ms; 0 until measured. */
  roundTripTime: number;
  /** ms, of the received audio. */
  jitter: number;
  /** Received packets lost since the call started. */
  packetsLost: number;
  /** Loss of received packets over the last interval, 0-100. */
  packetLossPercent: number;
  /** Level of the audio received (0-1) and sent (0-1). */
  audioLevelIn: number;
  audioLevelOut: number;
  /** kbit/s over the last interval. */
  bitrateIn: number;
  bitrateOut: number;
  /** Estimated mean opinion score, 1-4.5 (E-model, ITU-T G.107 simplified). */
  mos: number;
  /**
   * The media connection (`RTCPeerConnection.connectionState`: ICE and DTLS together): `connected` once media can
   * flow; `failed` when no candidate pair works (media never arrives).
   */
  connectionState: 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';
};
export type SoftphoneStateEvent = {
  /**
   * `off`: no softphone (not bound to endpointType 3, `webrtc: false`, or signed out); `loading`: fetching the SIP
   * stack; `registering`: connecting or registering (again after a lost connection); `registered`: calls can ring;
   * `failed`: see `reason` (SIP password refused, no browser support, SIP stack missing).
   */
  state: SoftphoneState;
  reason?: string;
};

/** Payloads without `eventType`; the wire and the SDK add it. */
interface NotificationPayloads extends CallEventPayloads {
  agentStatus: AgentStatus;
  reconnectAttempt: ReconnectAttemptEvent;
  kickOut: KickOutEvent;
  forcedLogout: ForcedLogoutEvent;
  connectionState: ConnectionStateEvent;
  setOfflineResult: SetOfflineResultEvent;
  sipSessionInit: SipSessionInitEvent;
  sipSessionTerminate: SipSessionTerminateEvent;
  sipDisconnected: SipDisconnectedEvent;
  webrtcStats: WebrtcStatsEvent;
  softphoneState: SoftphoneStateEvent;
  dialerTask: DialerTaskEvent;
  dialerNumberOutcome: DialerNumberOutcomeEvent;
}

type ResponsePayloads = {
  [K in OperationName as ResponseAction<K>]: OperationResponse<K>;
};

/** Payload of each event, `eventType` included. Events of later features carry an open record until they are defined. */
export type EventMap = {
  [E in EventName]: (E extends keyof ResponsePayloads
    ? ResponsePayloads[E]
    : E extends keyof NotificationPayloads
      ? NotificationPayloads[E]
      : Record<string, unknown>) & { eventType: E };
};

export type EventPayload<E extends EventName = EventName> = EventMap[E];

/**
 * One event as the gateway sends it: its name and the payload that name carries, one union member per event, so a
 * payload that does not fit its name is a compile error where the event is built.
 */
export type WireEvent<E extends EventName = EventName> = { [K in E]: { event: K; data: EventMap[K] } }[E];

/** Builds a `WireEvent` from a name and the payload of that name. */
export function wireEvent<E extends EventName>(event: E, data: EventMap[E]): WireEvent {
  return { event, data } as WireEvent;
}

const EVENT_NAMES = new Set<string>(Object.values(EventType));
export function isEventName(name: string): name is EventName {
  return EVENT_NAMES.has(name);
}
