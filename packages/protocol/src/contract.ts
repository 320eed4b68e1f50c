/**
 * The part of the protocol an app sees: value enums, event names, business error codes and the types of every
 * operation and event. `@agentsdk/sdk` re-exports exactly this list (a star export of this module),
 * and the `AgentSDK` client carries the value enums, so a constant added here reaches npm users and script-tag pages
 * without a second list to keep in step.
 */
export {
  EndpointType,
  LoginStatus,
  DeviceStatus,
  PauseType,
  CallType,
  AgentStateName,
  AgentStateAction,
} from './enums.js';
export type {
  EndpointTypeValue,
  LoginStatusValue,
  DeviceStatusValue,
  PauseTypeValue,
  CallTypeValue,
  AgentStateNameValue,
  AgentStateActionValue,
} from './enums.js';
export {
  MonitorMode,
  CallOutcome,
  SessionTerminateReason,
  CallSide,
  MuteDirection,
  ForcedLogoutReason,
  ConnectionState,
  SoftphoneState,
} from './event-enums.js';
export { EventType } from './events.js';
export { BusinessErrorCode } from './error-codes.js';
export type { BusinessErrorName, BusinessErrorCodeValue } from './error-codes.js';
export type { ErrorCodeInfo } from './error-catalogue.js';
export type {
  OperationName,
  OperationParams,
  OperationResponse,
  ResponseAction,
  SdkResponse,
  SdkSuccess,
  SdkFailure,
  LoginResult,
  PreviewObCallResult,
  QueueStatusResult,
  ListPreviewDialingTaskResult,
  PreviewDialingTask,
} from './operations.js';
export type {
  EventName,
  EventMap,
  EventPayload,
  EventTypeMap,
  ReconnectAttemptEvent,
  KickOutEvent,
  ForcedLogoutEvent,
  ConnectionStateEvent,
  SetOfflineResultEvent,
  QueueStatusEvent,
  SipSessionInitEvent,
  SipSessionTerminateEvent,
  SipDisconnectedEvent,
  WebrtcStatsEvent,
  SoftphoneStateEvent,
} from './events.js';
export type {
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
} from './call-events.js';
export type {
  BindEndpoint,
  ChannelVariable,
  AgentStatus,
  QueueParams,
  QueueAgentStatus,
  QueueEntry,
  QueueStatusEntry,
  QueueStatusMap,
} from './types.js';
export type { ContractConstants } from './contract-constants.js';
