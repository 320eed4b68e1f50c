/**
 * The event catalogue (docs/05-Events.md): every event name, its `EventType` constant and its payload.
 * Every payload carries `eventType`, the event's name.
 */
import type { CallEventPayloads } from './call-events.js';
import {
  OPERATION_NAMES,
  responseActionOf,
  type OperationName,
  type OperationResponse,
  type QueueStatusResult,
  type ResponseAction,
  type SdkResponse,
} from './operations.js';
import type { AgentStatus } from './types.js';

/** Events that are not operation responses. */
const NOTIFICATION_EVENTS = {
  AGENT_STATUS: 'agentStatus',
  PREVIEW_OBCALL_RESULT: 'previewObCallResult',
  PREVIEW_OBCALL_START: 'previewObCallStart',
  PREVIEW_OBCALL_RINGING: 'previewObCallRinging',
  PREVIEW_OBCALL_BRIDGE: 'previewObCallBridge',
  ATXFER_START: 'atxferStart',
  ATXFER_LINK: 'atxferLink',
  ATXFER_ENDED: 'atxferEnded',
  ATXFER_ERROR: 'atxferError',
  THREEWAY_ATXFER_RESULT: 'threewayAtxferResult',
  ATXFER_THREEWAY_UNLINK: 'atxferThreewayUnlink',
  COMPLETE_ATXFER_RESULT: 'completeAtxferResult',
  RINGING: 'ringing',
  SESSION_INIT: 'sessionInit',
  SESSION_TERMINATE: 'sessionTerminate',
  SIP_SESSION_INIT: 'sipSessionInit',
  SIP_SESSION_TERMINATE: 'sipSessionTerminate',
  SIP_DISCONNECTED: 'sipDisconnected',
  RECONNECT_ATTEMPT: 'reconnectAttempt',
  QUEUE_STATUS: 'queueStatus',
  SPY_RESULT: 'spyResult',
  SPY_LINK: 'spyLink',
  SPY_UNLINK: 'spyUnlink',
  THREEWAY_RESULT: 'threewayResult',
  THREEWAY_LINK: 'threewayLink',
  THREEWAY_UNLINK: 'threewayUnlink',
  WHISPER_RESULT: 'whisperResult',
  WHISPER_LINK: 'whisperLink',
  WHISPER_UNLINK: 'whisperUnlink',
  BARGE_RESULT: 'bargeResult',
  BARGE_LINK: 'bargeLink',
  BARGE_UNLINK: 'bargeUnlink',
  DISCONNECT_RESULT: 'disconnectResult',
  SET_OFFLINE_RESULT: 'setOfflineResult',
  INTERACT_RETURN: 'interactReturn',
  WEBRTC_STATS: 'webrtcStats',
  /** Ours: the agent and the other party are connected (every call type; for inbound calls it follows sessionInit). */
  CALL_BRIDGED: 'callBridged',
  /** Ours: the call was put on hold / taken off hold (`hold` / `unhold`). */
  CALL_HELD: 'callHeld',
  CALL_UNHELD: 'callUnheld',
  /** Ours: the agent's audio was muted / unmuted in a direction (`mute` / `unmute`). */
  CALL_MUTED: 'callMuted',
  CALL_UNMUTED: 'callUnmuted',
  /** Ours: this session was replaced by a sign-in of the same agent elsewhere. */
  KICK_OUT: 'kickOut',
  /** Ours: the gateway ended this session (supervisor, revoked key, expired session). */
  FORCED_LOGOUT: 'forcedLogout',
  /** Ours, local to the SDK: the connection to the gateway changed state. */
  CONNECTION_STATE: 'connectionState',
  /** Ours, local to the SDK: the softphone's registration changed state. */
  SOFTPHONE_STATE: 'softphoneState',
} as const;

/** `ObCall` is one word in the catalogue's constants (`PREVIEW_OBCALL_RESULT`), so `previewObCall` -> `PREVIEW_OBCALL_RESP`. */
type JoinObCall<S extends string> = S extends `${infer A}ObCall${infer B}` ? `${A}Obcall${B}` : S;
type ResponseConstantName<K extends string> = `${Uppercase<SnakeCase<JoinObCall<K>>>}_RESP`;
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? Tail extends Uncapitalize<Tail>
    ? `${Lowercase<Head>}${SnakeCase<Tail>}`
    : `${Lowercase<Head>}_${SnakeCase<Tail>}`
  : S;

/** `InternalCall` -> `INTERNAL_CALL_RESP`, `previewObCall` -> `PREVIEW_OBCALL_RESP`. */
function responseConstantName(operation: string): string {
  return `${operation.replace('ObCall', 'Obcall').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_RESP`;
}

type ResponseConstants = {
  [K in Exclude<OperationName, 'getQueueStatus'> as ResponseConstantName<K>]: ResponseAction<K>;
};

const RESPONSE_EVENTS = Object.fromEntries(
  OPERATION_NAMES.filter((name) => name !== 'getQueueStatus').map((name) => [responseConstantName(name), responseActionOf(name)]),
) as ResponseConstants;

/** `EventType.AGENT_STATUS === 'agentStatus'`, `EventType.LOGIN_RESP === 'loginResp'`, one member per event. */
export const EventType = Object.freeze({ ...NOTIFICATION_EVENTS, ...RESPONSE_EVENTS });
export type EventTypeMap = typeof EventType;
export type EventName = EventTypeMap[keyof EventTypeMap];

export type ReconnectAttemptEvent = { attempt: number; delayMs: number };
export type KickOutEvent = { reason: 'loggedInElsewhere'; sessionId: string };
export type ForcedLogoutReason = 'supervisor' | 'sessionKeyRevoked' | 'sessionExpired' | 'agentRemoved';
export type ForcedLogoutEvent = { reason: ForcedLogoutReason; sessionId: string; message: string };
export type ConnectionStateEvent = { state: 'connecting' | 'open' | 'reconnecting' | 'closed'; reason?: string };
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
  state: 'off' | 'loading' | 'registering' | 'registered' | 'failed';
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

const EVENT_NAMES = new Set<string>(Object.values(EventType));
export function isEventName(name: string): name is EventName {
  return EVENT_NAMES.has(name);
}
