/**
 * Enumerated string values of event payloads (docs/05-Events.md, docs/06-Types.md), as objects an app can compare
 * against (`event.outcome === CallOutcome.CUSTOMER_BUSY`) and types of their values under the same name. Each
 * constant's name is its value in SCREAMING_SNAKE_CASE (constant-names.ts).
 */

import { constantsOf } from './constant-names.js';

type ValueOf<T> = T[keyof T];

/** How a supervisor is on an agent's call: listening, whispering to the agent, barged in, or in a three-way call. */
export const MonitorMode = constantsOf(['spy', 'whisper', 'barge', 'threeway']);
export type MonitorMode = ValueOf<typeof MonitorMode>;

/** `sessionTerminate.outcome`: how a call ended, when it ended. */
export const CallOutcome = constantsOf([
  'completed',
  'abandoned',
  'queueTimeout',
  'agentNoAnswer',
  'customerBusy',
  'customerNoAnswer',
  'customerRejected',
  'invalidNumber',
  'cancelled',
  'transferFailed',
  'failed',
]);
export type CallOutcome = ValueOf<typeof CallOutcome>;

/** `sessionTerminate.reason`: why the call ended for this agent. */
export const SessionTerminateReason = constantsOf([
  // A connected call was hung up.
  'hangup',
  // The agent left for the satisfaction survey.
  'survey',
  // The agent rejected a queue call; it returns to the queue.
  'rejected',
  // The agent did not answer: a queue call returns to the queue, an outbound call ends.
  'agentNoAnswer',
  // The caller hung up before being connected.
  'abandoned',
  'queueTimeout',
  // The `durationLimit` of a transfer ran out.
  'durationLimit',
  // The IVR ended the call.
  'ivrHangup',
  // This agent handed the call on (completeAtxfer, blxfer, leaving a three-way call, IVR to queue).
  'transferred',
  // To a consulted or third-party agent whose part ended.
  'consultEnded',
  'threewayEnded',
  // To a blind-transfer target that did not answer, or the call whose transfer failed.
  'transferFailed',
  // A supervisor took the ringing call (`pickup`).
  'pickedUp',
  // A supervisor's `disconnect` (with `side: 'system'`).
  'supervisor',
  // Outbound calls that never connected: the outcome.
  'cancelled',
  'customerBusy',
  'customerNoAnswer',
  'customerRejected',
  'invalidNumber',
  'failed',
  // The gateway process that held the call's legs restarted (docs/03 "What survives what").
  'gatewayRestart',
  // The cluster node that held the call's legs was lost; another node ended the call.
  'nodeLost',
]);
export type SessionTerminateReason = ValueOf<typeof SessionTerminateReason>;

/** `sessionTerminate.side`: who ended the call. */
export const CallSide = constantsOf(['agent', 'customer', 'system']);
export type CallSide = ValueOf<typeof CallSide>;

/** `callMuted` / `callUnmuted` `direction` (and `mute`'s parameter): the agent's microphone, speaker, or both. */
export const MuteDirection = constantsOf(['in', 'out', 'all']);
export type MuteDirection = ValueOf<typeof MuteDirection>;

/** `forcedLogout.reason`. */
export const ForcedLogoutReason = constantsOf(['supervisor', 'sessionKeyRevoked', 'sessionExpired', 'agentRemoved']);
export type ForcedLogoutReason = ValueOf<typeof ForcedLogoutReason>;

/** `connectionState.state`: the SDK's WebSocket to the gateway. */
export const ConnectionState = constantsOf(['connecting', 'open', 'reconnecting', 'closed']);
export type ConnectionState = ValueOf<typeof ConnectionState>;

/** `softphoneState.state` (docs/11-Softphone.md). */
export const SoftphoneState = constantsOf(['off', 'loading', 'registering', 'registered', 'failed']);
export type SoftphoneState = ValueOf<typeof SoftphoneState>;
