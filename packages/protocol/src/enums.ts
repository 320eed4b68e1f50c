/** Enumerations of the AgentSDK contract (docs/06-Types.md). Values match the vendor's older clients. */
import { constantsOf } from './constant-names.js';

export const EndpointType = { PSTN: 1, EXTENSION: 2, SOFTPHONE: 3 } as const;
export type EndpointTypeValue = (typeof EndpointType)[keyof typeof EndpointType];

/** `loginStatus`: also the values of login's `initialStatus` (1 idle, 2 busy, 3 wrap-up). */
export const LoginStatus = { OFFLINE: 0, IDLE: 1, BUSY: 2, WRAPUP: 3 } as const;
export type LoginStatusValue = (typeof LoginStatus)[keyof typeof LoginStatus];

export const DeviceStatus = { INVALID: -1, IDLE: 0, LOCKED: 1, INVITE: 2, RINGING: 3, IN_USE: 4 } as const;
export type DeviceStatusValue = (typeof DeviceStatus)[keyof typeof DeviceStatus];

/** `pauseType` 4 is reserved for a pause forced by a supervisor (`setPause`). */
export const PauseType = { PRODUCTIVE: 0, NORMAL: 1, REST: 2, IM: 3, FORCED: 4 } as const;
export type PauseTypeValue = (typeof PauseType)[keyof typeof PauseType];

export const CallType = {
  INBOUND: 1,
  WEB_CALL: 2,
  CLICK_TO_CALL: 3,
  PREVIEW_OUTBOUND: 4,
  PREDICTIVE_OUTBOUND: 5,
  DIRECT_OUTBOUND: 6,
  INTERNAL: 9,
  SCHEDULED_CALLBACK: 10,
} as const;
export type CallTypeValue = (typeof CallType)[keyof typeof CallType];

/**
 * The agent's composite `state` carried by every `agentStatus` event (docs/08-State-Machine.md).
 * `stateAction` names the transition that entered it.
 */
export const AgentStateName = {
  OFFLINE: 'offline',
  IDLE: 'idle',
  BUSY: 'busy',
  WRAPUP: 'wrapup',
  /** A call is being offered to the agent or the agent's endpoint rings (deviceStatus 2 or 3). */
  RINGING: 'ringing',
  /** The agent's leg is up (deviceStatus 4). */
  TALKING: 'talking',
} as const;
export type AgentStateNameValue = (typeof AgentStateName)[keyof typeof AgentStateName];

/** Each constant's name is its value in SCREAMING_SNAKE_CASE (constant-names.ts), but for UPDATE_ENDPOINT. */
export const AgentStateAction = {
  ...constantsOf(['login', 'logout', 'pause', 'unpause']),
  UPDATE_ENDPOINT: 'updateBoundEndpoint',
  ...constantsOf([
    'wrapupEnd',
    'prolongWrapup',
    'offer',
    'ring',
    'answer',
    'hangup',
    'ringNoAnswer',
    'offerReleased',
    // A supervisor joined, switched mode on, or left the agent's call (`monitoredBy` / `monitoring` changed).
    'monitor',
    'sessionExpired',
    'sessionKeyRevoked',
    'setOffline',
    // A supervisor forced the agent busy (pauseType 4) / idle.
    'setPause',
    'setUnpause',
    // A supervisor signed the agent in without a desktop.
    'setOnline',
  ]),
} as const;
export type AgentStateActionValue = (typeof AgentStateAction)[keyof typeof AgentStateAction];
