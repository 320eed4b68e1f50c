export { PROTOCOL_VERSION, WEBSOCKET_PATH, MAX_FRAME_BYTES, MAX_FRAME_DEPTH, SESSION_ACTIONS, CloseCode, isTerminalCloseCode } from './wire.js';
export type { RequestFrame, ResponseFrame, EventFrame, PingFrame, PongFrame, ClientFrame, ServerFrame, ResumeParams, CloseCodeValue } from './wire.js';
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
export { OPERATIONS, OPERATION_NAMES, isOperationName, responseActionOf } from './operations.js';
export type {
  OperationName,
  OperationGroup,
  OperationParams,
  ValidatedParams,
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
export { EventType, isEventName, wireEvent } from './events.js';
export type {
  EventName,
  EventMap,
  EventPayload,
  EventTypeMap,
  WireEvent,
  ReconnectAttemptEvent,
  KickOutEvent,
  ForcedLogoutEvent,
  ForcedLogoutReason,
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
  SessionTerminateReason,
  CallOutcome,
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
  CallEventPayloads,
  CallEventName,
} from './call-events.js';
export { BusinessErrors, BusinessErrorCode } from './error-codes.js';
export type { ErrorCodeInfo, BusinessErrorName, BusinessErrorCodeValue } from './error-codes.js';
export { validateParams } from './validation.js';
export type { ParamsValidation } from './validation.js';
export { PHONE_NUMBER_PATTERN, EXTENSION_PATTERN, SOFTPHONE_ENDPOINT_PATTERN } from './schemas/common.js';
export { DIALLABLE_CHARACTERS } from './schemas/call-operations.js';
export { QUEUE_STATUS_SECTIONS } from './schemas/supervisor-operations.js';
export type {
  BindEndpoint,
  ChannelVariable,
  AgentStatus,
  MonitorMode,
  QueueParams,
  QueueAgentStatus,
  QueueEntry,
  QueueStatusEntry,
  QueueStatusMap,
} from './types.js';
export { TELEMETRY_PATH, TELEMETRY_LIMITS, TELEMETRY_EVENT_TYPES, TelemetryEventSchema, TelemetryUploadSchema } from './telemetry.js';
export type { TelemetryEvent, TelemetryEventType, TelemetryUpload } from './telemetry.js';
export type { HttpErrorBody } from './http/errors.js';
export { SESSION_KEY_TTL, IssueSessionKeyBodySchema } from './http/session-keys.js';
export type { IssueSessionKeyBody, IssuedSessionKey, RevokedSessionKey } from './http/session-keys.js';
export type { DemoAgent, DemoQueue, DemoPauseReason, DemoCallerId, DemoIvr, DemoDirectory, DemoResponse } from './http/demo.js';
export type { LegMediaStats } from './call-record.js';
// The dialer task schemas are values the SDK never needs: they are imported from '@agentsdk/protocol/dialer-tasks',
// so the SDK bundle does not carry them.
export type {
  DialerTaskMode,
  DialerOutcome,
  RetryableDialerOutcome,
  CallingHours,
  CreateDialerTask,
  PatchDialerTask,
  DialerNumberInput,
  DialerTaskSettings,
  DialerTaskProgress,
  DialerTaskView,
  RejectedNumber,
  AddDialerNumbersResult,
  DialerTaskChange,
  DialerTaskEvent,
  DialerNumberOutcomeEvent,
} from './dialer-tasks.js';
