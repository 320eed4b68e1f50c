/**
 * The event catalogue (docs/05-Events.md): every event name, its `EventType` constant and its payload.
 * Every payload carries `eventType`, the event's name.
 */
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

/** Payloads without `eventType`; the wire and the SDK add it. */
interface NotificationPayloads {
  agentStatus: AgentStatus;
  reconnectAttempt: ReconnectAttemptEvent;
  kickOut: KickOutEvent;
  forcedLogout: ForcedLogoutEvent;
  connectionState: ConnectionStateEvent;
  setOfflineResult: SetOfflineResultEvent;
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
