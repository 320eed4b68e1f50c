export * from './contract.js';
export { BusinessErrors } from './error-catalogue.js';
export { PROTOCOL_VERSION, WEBSOCKET_PATH, MAX_FRAME_BYTES, MAX_FRAME_DEPTH, SESSION_ACTIONS, CloseCode, isTerminalCloseCode } from './wire.js';
export type { RequestFrame, ResponseFrame, EventFrame, PingFrame, PongFrame, ClientFrame, ServerFrame, ResumeParams, CloseCodeValue } from './wire.js';
export { OPERATIONS } from './operations.js';
export { OPERATION_NAMES, isOperationName, responseActionOf } from './operation-names.js';
export type { OperationGroup, ValidatedParams } from './operations.js';
export { isEventName, wireEvent } from './events.js';
export type { WireEvent } from './events.js';
export type { CallEventPayloads, CallEventName } from './call-events.js';
export { validateParams } from './validation.js';
export type { ParamsValidation } from './validation.js';
export { PHONE_NUMBER_PATTERN, EXTENSION_PATTERN, SOFTPHONE_ENDPOINT_PATTERN } from './schemas/common.js';
export { DIALLABLE_CHARACTERS } from './schemas/call-operations.js';
export { QUEUE_STATUS_SECTIONS } from './schemas/supervisor-operations.js';
export { TELEMETRY_PATH, TELEMETRY_LIMITS, TELEMETRY_EVENT_TYPES } from './telemetry.js';
export { TelemetryEventSchema, TelemetryUploadSchema } from './telemetry-schemas.js';
export type { TelemetryEventType } from './telemetry.js';
export type { TelemetryEvent, TelemetryUpload } from './telemetry-schemas.js';
export type { AgentPresence, AgentPresenceList } from './http/agent-presence.js';
export type { CallRecordView, CallRecordPage } from './http/call-record-view.js';
export { PHONE_BEHAVIOURS } from './http/simulator-calls.js';
export type {
  PhoneBehaviourName,
  PhoneBehaviourSetting,
  PhoneBehaviour,
  SimulatedLegState,
  SimulatedLegMedia,
  SimulatedLegListing,
  SimulatedCallListing,
  SimulatedCallList,
} from './http/simulator-calls.js';
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
