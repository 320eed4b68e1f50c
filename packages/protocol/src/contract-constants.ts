/**
 * The value exports of the contract as one object type: the SDK's client carries them (`AgentSDK.CallType`). Written
 * out because the SDK's bundled declarations cannot express `typeof` a module namespace whose names are both a value
 * and a type (rollup-plugin-dts drops the value); tests/sdk-enums.test.ts fails the type check when the two lists drift
 * apart.
 */
import type { AgentStateAction, AgentStateName, CallType, DeviceStatus, EndpointType, LoginStatus, PauseType } from './enums.js';
import type { BusinessErrorCode } from './error-codes.js';
import type {
  CallOutcome,
  CallSide,
  ConnectionState,
  ForcedLogoutReason,
  MonitorMode,
  MuteDirection,
  SessionTerminateReason,
  SoftphoneState,
} from './event-enums.js';
import type { EventType } from './events.js';

export interface ContractConstants {
  readonly EndpointType: typeof EndpointType;
  readonly LoginStatus: typeof LoginStatus;
  readonly DeviceStatus: typeof DeviceStatus;
  readonly PauseType: typeof PauseType;
  readonly CallType: typeof CallType;
  readonly AgentStateName: typeof AgentStateName;
  readonly AgentStateAction: typeof AgentStateAction;
  readonly MonitorMode: typeof MonitorMode;
  readonly CallOutcome: typeof CallOutcome;
  readonly SessionTerminateReason: typeof SessionTerminateReason;
  readonly CallSide: typeof CallSide;
  readonly MuteDirection: typeof MuteDirection;
  readonly ForcedLogoutReason: typeof ForcedLogoutReason;
  readonly ConnectionState: typeof ConnectionState;
  readonly SoftphoneState: typeof SoftphoneState;
  /** `const { EventType } = AgentSDK;` (spec 2.2). */
  readonly EventType: typeof EventType;
  /** The `errorCode` of a refused operation by name: `res.errorCode === AgentSDK.BusinessErrorCode.AGENT_BUSY`. */
  readonly BusinessErrorCode: typeof BusinessErrorCode;
}
