/**
 * Every AgentSDK operation of the spec (docs 04 API), in one table: the parameter schema and the response action.
 * The SDK builds its methods from it and the gateway its operation table, so names and schemas exist once.
 */
import type * as v from 'valibot';
import { NoParamsSchema, TargetAgentSchema, DurationLimitSchema } from './schemas/common.js';
import {
  LoginParamsSchema,
  LogoutParamsSchema,
  PauseParamsSchema,
  UpdateBoundEndpointParamsSchema,
} from './schemas/agent-operations.js';
import {
  ChangeObCallModeParamsSchema,
  InternalCallParamsSchema,
  MuteParamsSchema,
  PauseAutoObCallTaskParamsSchema,
  PreviewObCallParamsSchema,
  ProlongWrapupParamsSchema,
  RejectParamsSchema,
  SendDtmfParamsSchema,
  SetDispositionParamsSchema,
  StartAutoObCallTaskParamsSchema,
  UnlinkParamsSchema,
} from './schemas/call-operations.js';
import { BlxferParamsSchema, StartAtxferParamsSchema, TransferIvrParamsSchema } from './schemas/transfer-operations.js';
import { GetQueueStatusParamsSchema, SetOfflineParamsSchema, SetOnlineParamsSchema } from './schemas/supervisor-operations.js';
import type { BusinessErrorCodeValue } from './error-codes.js';
import type { OperationName, ResponseAction } from './operation-names.js';

export { OPERATION_NAMES, isOperationName, responseActionOf } from './operation-names.js';
export type { OperationName, ResponseAction } from './operation-names.js';
import type { BindEndpoint, QueueStatusMap } from './types.js';

type AnySchema = v.GenericSchema<unknown, unknown>;

export type OperationGroup = 'agent' | 'call' | 'transfer' | 'softphone' | 'supervisor';

interface OperationSpec<S extends AnySchema = AnySchema> {
  group: OperationGroup;
  schema: S;
}

function op<S extends AnySchema>(group: OperationGroup, schema: S): OperationSpec<S> {
  return { group, schema };
}

export const OPERATIONS = {
  login: op('agent', LoginParamsSchema),
  logout: op('agent', LogoutParamsSchema),
  pause: op('agent', PauseParamsSchema),
  unpause: op('agent', NoParamsSchema),
  updateBoundEndpoint: op('agent', UpdateBoundEndpointParamsSchema),

  previewObCall: op('call', PreviewObCallParamsSchema),
  cancelPreviewObCall: op('call', NoParamsSchema),
  unlink: op('call', UnlinkParamsSchema),
  reject: op('call', RejectParamsSchema),
  hold: op('call', NoParamsSchema),
  unhold: op('call', NoParamsSchema),
  mute: op('call', MuteParamsSchema),
  unmute: op('call', MuteParamsSchema),
  sendDtmf: op('call', SendDtmfParamsSchema),
  performSatisfactionSurvey: op('call', NoParamsSchema),
  InternalCall: op('call', InternalCallParamsSchema),
  prolongWrapup: op('call', ProlongWrapupParamsSchema),
  startAutoObCallTask: op('call', StartAutoObCallTaskParamsSchema),
  pauseAutoObCallTask: op('call', PauseAutoObCallTaskParamsSchema),
  changeObCallMode: op('call', ChangeObCallModeParamsSchema),
  setDisposition: op('call', SetDispositionParamsSchema),

  startAtxfer: op('transfer', StartAtxferParamsSchema),
  cancelAtxfer: op('transfer', NoParamsSchema),
  resumeAtxfer: op('transfer', NoParamsSchema),
  completeAtxfer: op('transfer', DurationLimitSchema),
  threewayAtxfer: op('transfer', DurationLimitSchema),
  blxfer: op('transfer', BlxferParamsSchema),
  transferIvr: op('transfer', TransferIvrParamsSchema),

  sipLink: op('softphone', NoParamsSchema),
  sipUnlink: op('softphone', NoParamsSchema),

  setPause: op('supervisor', TargetAgentSchema),
  setUnpause: op('supervisor', TargetAgentSchema),
  spy: op('supervisor', TargetAgentSchema),
  unspy: op('supervisor', NoParamsSchema),
  performThreeway: op('supervisor', TargetAgentSchema),
  cancelThreeway: op('supervisor', TargetAgentSchema),
  whisper: op('supervisor', TargetAgentSchema),
  unWhisper: op('supervisor', NoParamsSchema),
  barge: op('supervisor', TargetAgentSchema),
  disconnect: op('supervisor', TargetAgentSchema),
  pickup: op('supervisor', TargetAgentSchema),
  setOnline: op('supervisor', SetOnlineParamsSchema),
  setOffline: op('supervisor', SetOfflineParamsSchema),
  getQueueStatus: op('supervisor', GetQueueStatusParamsSchema),
  ListPreviewDialingTask: op('supervisor', NoParamsSchema),
} as const satisfies Record<OperationName, OperationSpec>;


/** What the caller passes (defaults may be omitted). */
export type OperationParams<K extends OperationName> = v.InferInput<(typeof OPERATIONS)[K]['schema']>;
/** What the gateway handler receives after validation (defaults applied). */
export type ValidatedParams<K extends OperationName> = v.InferOutput<(typeof OPERATIONS)[K]['schema']>;


/** A response whose operation succeeded (spec 1.2: `code` 0). */
export interface SdkSuccess<A extends string = string> {
  action: A;
  code: 0;
  message: string;
}

/**
 * A response whose operation the gateway refused (spec 1.2: `code` -1). `errorCode` says why; compare it with
 * `BusinessErrorCode` (docs/07-Error-Handling.md), not with `message`.
 */
export interface SdkFailure<A extends string = string> {
  action: A;
  code: -1;
  message: string;
  errorCode?: BusinessErrorCodeValue;
}

/** Standard response fields (spec 1.2): narrow on `code` to reach the success fields or `errorCode`. */
export type SdkResponse<A extends string = string> = SdkSuccess<A> | SdkFailure<A>;

export interface LoginResult {
  tenantId: string;
  agentNo: string;
  bindEndpoint: BindEndpoint;
  /** Identifies the gateway session; the SDK uses it to resume after a reconnect. */
  sessionId: string;
  /** Softphone only (endpointType 3). */
  webrtcSocketUrl?: string;
  webrtcStunServer?: string;
  sipPwd?: string;
  sipIp?: string;
}

export interface PreviewObCallResult {
  requestUniqueId: string;
  callId: string;
}

export interface QueueStatusResult {
  queueStatus: QueueStatusMap;
}

/** A preview dialing task of the tenant: its next numbers, for the agent to `previewObCall`. */
export interface PreviewDialingTask {
  taskId: string;
  name: string;
  mode: 'preview';
  /** Numbers not yet handed out. */
  remaining: number;
  /** The next few numbers (at most 5). */
  numbers: string[];
}

/** The spec leaves the task fields open (7.9); these are ours. */
export interface ListPreviewDialingTaskResult {
  tasks: PreviewDialingTask[];
}

/** Fields some responses carry beyond SdkResponse (present on success). */
interface OperationResultFields {
  login: LoginResult;
  previewObCall: PreviewObCallResult;
  InternalCall: PreviewObCallResult;
  getQueueStatus: QueueStatusResult;
  ListPreviewDialingTask: ListPreviewDialingTaskResult;
}

/**
 * What an operation resolves with: after `if (response.code === 0)` the success fields of the operation (`sessionId`,
 * `callId`, ...) are present; otherwise `errorCode` and `message` say why it was refused.
 */
export type OperationResponse<K extends OperationName> =
  | (SdkSuccess<ResponseAction<K>> & (K extends keyof OperationResultFields ? OperationResultFields[K] : unknown))
  | SdkFailure<ResponseAction<K>>;
