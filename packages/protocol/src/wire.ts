/**
 * The frames that travel over the AgentSDK <-> Agent Gateway WebSocket, as JSON text.
 * docs/protocol.md describes the exchange; this file is its source of truth.
 */
import type { EventName, EventPayload } from './events.js';

/** Sent by the client as the `v` query parameter of the WebSocket URL. */
export const PROTOCOL_VERSION = 1;

/** Path of the WebSocket endpoint below the gateway's base URL. */
export const WEBSOCKET_PATH = '/ws';

/** Largest frame, in bytes, that either side accepts. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Deepest nesting of arrays and objects in a client frame; the gateway refuses deeper frames with PROTOCOL_ERROR. */
export const MAX_FRAME_DEPTH = 32;

export interface RequestFrame {
  type: 'req';
  /**
   * Client-chosen id, unique within the session (not only the connection); echoed by the response. A request repeated
   * with the same id in the same session is not run again: the gateway answers it with the first run's response.
   */
  id: string;
  action: string;
  params?: unknown;
}

export interface ResponseFrame {
  type: 'res';
  id: string;
  /** `<operation>Resp`, e.g. `loginResp` (the response event name). */
  action: string;
  code: 0 | -1;
  message: string;
  errorCode?: number;
  [field: string]: unknown;
}

export interface EventFrame<E extends EventName = EventName> {
  type: 'evt';
  /** Per-session sequence number, starting at 1 and increasing by 1 with each event. */
  seq: number;
  event: E;
  data: EventPayload<E>;
}

export interface PingFrame {
  type: 'ping';
  /** Sender's clock in ms, echoed by the pong. */
  ts: number;
}

export interface PongFrame {
  type: 'pong';
  ts: number;
}

export type ClientFrame = RequestFrame | PingFrame;
export type ServerFrame = ResponseFrame | EventFrame | PongFrame;

/**
 * Protocol-level actions that are not SDK operations: the SDK sends them itself.
 * `resume` re-attaches a new socket to a live session after a reconnect.
 */
export const SESSION_ACTIONS = { resume: 'resume' } as const;

export interface ResumeParams {
  sessionId: string;
  sessionKey: string;
  /** Sequence number of the last event the client processed (0 if none). */
  lastSeq: number;
}

/**
 * WebSocket close codes the gateway uses. 4000-4099: the session is over and the SDK must not reconnect.
 * 4100-4199: the connection is refused or broken but the session may be resumed.
 */
export const CloseCode = {
  /** Normal close after logout. */
  NORMAL: 1000,
  /** The same agent signed in from another place; the event `kickOut` preceded this. */
  KICKED_OUT: 4001,
  /** The server ended the session (supervisor, revoked key, expiry); the event `forcedLogout` preceded this. */
  FORCED_LOGOUT: 4002,
  /** Unsupported protocol version in the `v` query parameter. */
  UNSUPPORTED_VERSION: 4003,
  /** A frame was not valid JSON or not a known frame type, or exceeded MAX_FRAME_BYTES. */
  PROTOCOL_ERROR: 4100,
  /** No frame from the client within the heartbeat timeout. */
  HEARTBEAT_TIMEOUT: 4101,
  /** The client read too slowly: the gateway's send buffer for the socket passed its high-water mark. */
  TOO_SLOW: 4102,
  /** The socket neither signed in nor resumed a session in time after it opened. */
  SIGN_IN_TIMEOUT: 4103,
  /** The gateway is shutting down; reconnect to another node or later. */
  GOING_AWAY: 1001,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** True when a close code means the session is over, so reconnecting is pointless. */
export function isTerminalCloseCode(code: number): boolean {
  return code === CloseCode.NORMAL || (code >= 4000 && code < 4100);
}
