/** The public surface of AgentSDK. */
import { sharedClient } from './shared-client.js';

/** The client of the spec's examples: `AgentSDK.setup(...)`, `AgentSDK.login(...)`; the same one in the ESM and CJS builds. */
export const AgentSDK = sharedClient();

export { createAgentSdk } from './agent-sdk.js';
export type { AgentSdkClient, SoftphoneDevices } from './agent-sdk.js';
export type { OperationMethods, OperationMethod } from './operation-methods.js';
export type { AudioDevices, AudioDeviceInfo } from './softphone/softphone-contract.js';
export { reduceState } from './state/reduce-state.js';
export { INITIAL_STATE } from './state/agent-sdk-state.js';
export type {
  AgentSdkState,
  SessionView,
  WrapupView,
  CallView,
  AgentLegState,
  CustomerLegState,
  ConsultView,
  MonitoringView,
  SoftphoneView,
} from './state/agent-sdk-state.js';
export type { StateListener } from './state/state-store.js';
export type { PreflightReport, PreflightOptions } from './preflight.js';
export type { PreflightCheck, PreflightStatus } from './preflight-check.js';
export type { IceCheck, IceCandidateCounts, MediaLoopbackCheck } from './preflight-webrtc.js';
export { AgentSdkError, isAgentSdkError, ErrorCodes } from './errors.js';
export type { ErrorCode } from './errors.js';
export type { SdkConfig, ReconnectOptions } from './config.js';
export type { DebugEntry } from './debug-log.js';
export type { EventHandler } from './typed-emitter.js';
/** The protocol's public part: value enums (`CallType`, `PauseType`, `CallOutcome`, ...), `EventType`, business error codes, and the types of every operation and event. */
export * from '@agentsdk/protocol/contract';
/** The business error catalogue with each code's message, cause and solution (not on the client: it is prose). */
export { BusinessErrors } from '@agentsdk/protocol';
