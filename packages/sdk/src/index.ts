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
export type { PreflightReport, PreflightCheck, PreflightStatus, PreflightOptions } from './preflight.js';
export { AgentSdkError, isAgentSdkError, ErrorCodes } from './errors.js';
export type { ErrorCode } from './errors.js';
export type { SdkConfig, ReconnectOptions } from './config.js';
export type { DebugEntry } from './debug-log.js';
export type { EventHandler } from './typed-emitter.js';
export {
  EventType,
  BusinessErrorCode,
  BusinessErrors,
  EndpointType,
  LoginStatus,
  DeviceStatus,
  PauseType,
  CallType,
  AgentStateName,
  AgentStateAction,
} from '@agentsdk/protocol';
export type {
  BusinessErrorName,
  BusinessErrorCodeValue,
  ErrorCodeInfo,
  SdkResponse,
  SdkSuccess,
  SdkFailure,
  PauseTypeValue,
  MonitorMode,
  SessionTerminateReason,
  CallOutcome,
  ListPreviewDialingTaskResult,
  PreviewDialingTask,
  QueueStatusEvent,
  SetOfflineResultEvent,
  OperationName,
  OperationParams,
  OperationResponse,
  ResponseAction,
  LoginResult,
  PreviewObCallResult,
  QueueStatusResult,
  EventMap,
  EventName,
  EventPayload,
  EventTypeMap,
  ReconnectAttemptEvent,
  KickOutEvent,
  ForcedLogoutEvent,
  ForcedLogoutReason,
  ConnectionStateEvent,
  SipSessionInitEvent,
  SipSessionTerminateEvent,
  SipDisconnectedEvent,
  WebrtcStatsEvent,
  SoftphoneStateEvent,
  CallSummary,
  RingingEvent,
  SessionInitEvent,
  SessionTerminateEvent,
  CallBridgedEvent,
  CallMuteEvent,
  PreviewObCallResultEvent,
  PreviewObCallStartEvent,
  ConsultEvent,
  ConsultEndedEvent,
  ConsultErrorEvent,
  ConsultResultEvent,
  ThreewayUnlinkEvent,
  InteractReturnEvent,
  MonitorEvent,
  MonitorResultEvent,
  MonitorUnlinkEvent,
  DisconnectResultEvent,
  AgentStatus,
  BindEndpoint,
  ChannelVariable,
  QueueParams,
  QueueAgentStatus,
  QueueEntry,
  QueueStatusEntry,
  QueueStatusMap,
  EndpointTypeValue,
  LoginStatusValue,
  DeviceStatusValue,
  CallTypeValue,
  AgentStateNameValue,
  AgentStateActionValue,
} from '@agentsdk/protocol';
