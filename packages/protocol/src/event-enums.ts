/**
 * Enumerated string values of event payloads (docs/05-Events.md, docs/06-Types.md), as objects an app can compare
 * against (`event.outcome === CallOutcome.CUSTOMER_BUSY`) and types of their values under the same name.
 */

type ValueOf<T> = T[keyof T];

/** How a supervisor is on an agent's call: listening, whispering to the agent, barged in, or in a three-way call. */
export const MonitorMode = { SPY: 'spy', WHISPER: 'whisper', BARGE: 'barge', THREEWAY: 'threeway' } as const;
export type MonitorMode = ValueOf<typeof MonitorMode>;

/** `sessionTerminate.outcome`: how a call ended, when it ended. */
export const CallOutcome = {
  COMPLETED: 'completed',
  ABANDONED: 'abandoned',
  QUEUE_TIMEOUT: 'queueTimeout',
  AGENT_NO_ANSWER: 'agentNoAnswer',
  CUSTOMER_BUSY: 'customerBusy',
  CUSTOMER_NO_ANSWER: 'customerNoAnswer',
  CUSTOMER_REJECTED: 'customerRejected',
  INVALID_NUMBER: 'invalidNumber',
  CANCELLED: 'cancelled',
  TRANSFER_FAILED: 'transferFailed',
  FAILED: 'failed',
} as const;
export type CallOutcome = ValueOf<typeof CallOutcome>;

/** `sessionTerminate.reason`: why the call ended for this agent. */
export const SessionTerminateReason = {
  /** A connected call was hung up. */
  HANGUP: 'hangup',
  /** The agent left for the satisfaction survey. */
  SURVEY: 'survey',
  /** The agent rejected a queue call; it returns to the queue. */
  REJECTED: 'rejected',
  /** The agent did not answer: a queue call returns to the queue, an outbound call ends. */
  AGENT_NO_ANSWER: 'agentNoAnswer',
  /** The caller hung up before being connected. */
  ABANDONED: 'abandoned',
  QUEUE_TIMEOUT: 'queueTimeout',
  /** The `durationLimit` of a transfer ran out. */
  DURATION_LIMIT: 'durationLimit',
  /** The IVR ended the call. */
  IVR_HANGUP: 'ivrHangup',
  /** This agent handed the call on (completeAtxfer, blxfer, leaving a three-way call, IVR to queue). */
  TRANSFERRED: 'transferred',
  /** To a consulted or third-party agent whose part ended. */
  CONSULT_ENDED: 'consultEnded',
  THREEWAY_ENDED: 'threewayEnded',
  /** To a blind-transfer target that did not answer, or the call whose transfer failed. */
  TRANSFER_FAILED: 'transferFailed',
  /** A supervisor took the ringing call (`pickup`). */
  PICKED_UP: 'pickedUp',
  /** A supervisor's `disconnect` (with `side: 'system'`). */
  SUPERVISOR: 'supervisor',
  /** Outbound calls that never connected: the outcome. */
  CANCELLED: 'cancelled',
  CUSTOMER_BUSY: 'customerBusy',
  CUSTOMER_NO_ANSWER: 'customerNoAnswer',
  CUSTOMER_REJECTED: 'customerRejected',
  INVALID_NUMBER: 'invalidNumber',
  FAILED: 'failed',
  /** The gateway process that held the call's legs restarted (docs/03 "What survives what"). */
  GATEWAY_RESTART: 'gatewayRestart',
  /** The cluster node that held the call's legs was lost; another node ended the call. */
  NODE_LOST: 'nodeLost',
} as const;
export type SessionTerminateReason = ValueOf<typeof SessionTerminateReason>;

/** `sessionTerminate.side`: who ended the call. */
export const CallSide = { AGENT: 'agent', CUSTOMER: 'customer', SYSTEM: 'system' } as const;
export type CallSide = ValueOf<typeof CallSide>;

/** `callMuted` / `callUnmuted` `direction` (and `mute`'s parameter): the agent's microphone, speaker, or both. */
export const MuteDirection = { IN: 'in', OUT: 'out', ALL: 'all' } as const;
export type MuteDirection = ValueOf<typeof MuteDirection>;

/** `forcedLogout.reason`. */
export const ForcedLogoutReason = {
  SUPERVISOR: 'supervisor',
  SESSION_KEY_REVOKED: 'sessionKeyRevoked',
  SESSION_EXPIRED: 'sessionExpired',
  AGENT_REMOVED: 'agentRemoved',
} as const;
export type ForcedLogoutReason = ValueOf<typeof ForcedLogoutReason>;

/** `connectionState.state`: the SDK's WebSocket to the gateway. */
export const ConnectionState = { CONNECTING: 'connecting', OPEN: 'open', RECONNECTING: 'reconnecting', CLOSED: 'closed' } as const;
export type ConnectionState = ValueOf<typeof ConnectionState>;

/** `softphoneState.state` (docs/11-Softphone.md). */
export const SoftphoneState = {
  OFF: 'off',
  LOADING: 'loading',
  REGISTERING: 'registering',
  REGISTERED: 'registered',
  FAILED: 'failed',
} as const;
export type SoftphoneState = ValueOf<typeof SoftphoneState>;
