/**
 * One row per operation of the API: who may call it and what handles it. Parameter schemas come from the protocol
 * package, so the table cannot drift from what the SDK validates. Adding an operation is adding a row.
 */
import type { OperationName, ValidatedParams } from '@agentsdk/protocol';
import type { OperationContext, Outcome, SignedInContext, SupervisorContext, WatchedAgentContext } from './operation-context.js';
import { logout, pause, unpause, updateBoundEndpoint } from './operations/agent-operations.js';
import { login } from './operations/login.js';
import {
  cancelPreviewObCall,
  hold,
  mute,
  performSatisfactionSurvey,
  prolongWrapup,
  reject,
  sendDtmf,
  unhold,
  unlink,
  unmute,
} from './operations/in-call-operations.js';
import { internalCall } from './operations/internal-call.js';
import { previewObCall } from './operations/preview-outbound.js';
import {
  blxfer,
  cancelAtxfer,
  completeAtxfer,
  resumeAtxfer,
  startAtxfer,
  threewayAtxfer,
  transferIvr,
} from './operations/transfer-operations.js';
import { handledBySdk } from './operations/handled-by-sdk.js';
import { setOffline, setOnline, setPause, setUnpause } from './operations/supervisor-agent-control.js';
import { getQueueStatus } from './operations/get-queue-status.js';
import { setDisposition } from './operations/set-disposition.js';
import {
  barge,
  cancelThreeway,
  disconnect,
  performThreeway,
  pickup,
  spy,
  stopMonitoring,
  whisper,
} from './operations/supervisor-call-operations.js';
import { listPreviewDialingTasks } from './operations/preview-dialing-tasks.js';
import { changeObCallMode, pauseAutoObCallTask, startAutoObCallTask } from './operations/auto-outbound.js';
import { getPreviewNumber, skipPreviewNumber } from './operations/preview-numbers.js';

export type Permission = 'public' | 'agent' | 'supervisor';

type Handler<C, K extends OperationName> = (ctx: C, params: ValidatedParams<K>) => Promise<Outcome>;

/** Operations whose parameters name a target agent (`agentNo`). */
export type AgentTargetOperation = { [K in OperationName]: ValidatedParams<K> extends { agentNo: string } ? K : never }[OperationName];

export type OperationRow<K extends OperationName> =
  | { permission: 'public'; handle: Handler<OperationContext, K> }
  | { permission: 'agent'; handle: Handler<SignedInContext, K> }
  | { permission: 'supervisor'; target?: undefined; handle: Handler<SupervisorContext, K> }
  /**
   * `params.agentNo` must name an agent of the tenant who answers a queue the supervisor watches; the dispatcher
   * checks it before the handler runs (supervisor-scope.ts).
   */
  | { permission: 'supervisor'; target: 'watchedAgent'; handle: Handler<WatchedAgentContext, K> };

/** Only an operation whose parameters carry `agentNo` may have a target row. */
export type OperationTable = {
  [K in OperationName]: K extends AgentTargetOperation ? OperationRow<K> : Exclude<OperationRow<K>, { target: 'watchedAgent' }>;
};

export const OPERATION_TABLE: OperationTable = {
  login: { permission: 'public', handle: login },
  logout: { permission: 'agent', handle: logout },
  pause: { permission: 'agent', handle: pause },
  unpause: { permission: 'agent', handle: unpause },
  updateBoundEndpoint: { permission: 'agent', handle: updateBoundEndpoint },

  previewObCall: { permission: 'agent', handle: previewObCall },
  cancelPreviewObCall: { permission: 'agent', handle: cancelPreviewObCall },
  unlink: { permission: 'agent', handle: unlink },
  reject: { permission: 'agent', handle: reject },
  hold: { permission: 'agent', handle: hold },
  unhold: { permission: 'agent', handle: unhold },
  mute: { permission: 'agent', handle: mute },
  unmute: { permission: 'agent', handle: unmute },
  sendDtmf: { permission: 'agent', handle: sendDtmf },
  performSatisfactionSurvey: { permission: 'agent', handle: performSatisfactionSurvey },
  InternalCall: { permission: 'agent', handle: internalCall },
  prolongWrapup: { permission: 'agent', handle: prolongWrapup },
  setDisposition: { permission: 'agent', handle: setDisposition },
  startAutoObCallTask: { permission: 'agent', handle: startAutoObCallTask },
  getPreviewNumber: { permission: 'agent', handle: getPreviewNumber },
  skipPreviewNumber: { permission: 'agent', handle: skipPreviewNumber },
  pauseAutoObCallTask: { permission: 'agent', handle: pauseAutoObCallTask },
  changeObCallMode: { permission: 'agent', handle: changeObCallMode },

  startAtxfer: { permission: 'agent', handle: startAtxfer },
  cancelAtxfer: { permission: 'agent', handle: cancelAtxfer },
  resumeAtxfer: { permission: 'agent', handle: resumeAtxfer },
  completeAtxfer: { permission: 'agent', handle: completeAtxfer },
  threewayAtxfer: { permission: 'agent', handle: threewayAtxfer },
  blxfer: { permission: 'agent', handle: blxfer },
  transferIvr: { permission: 'agent', handle: transferIvr },

  sipLink: { permission: 'agent', handle: handledBySdk },
  sipUnlink: { permission: 'agent', handle: handledBySdk },

  setPause: { permission: 'supervisor', target: 'watchedAgent', handle: setPause },
  setUnpause: { permission: 'supervisor', target: 'watchedAgent', handle: setUnpause },
  spy: { permission: 'supervisor', target: 'watchedAgent', handle: spy },
  unspy: { permission: 'supervisor', handle: stopMonitoring },
  performThreeway: { permission: 'supervisor', target: 'watchedAgent', handle: performThreeway },
  cancelThreeway: { permission: 'supervisor', target: 'watchedAgent', handle: cancelThreeway },
  whisper: { permission: 'supervisor', target: 'watchedAgent', handle: whisper },
  unWhisper: { permission: 'supervisor', handle: stopMonitoring },
  barge: { permission: 'supervisor', target: 'watchedAgent', handle: barge },
  disconnect: { permission: 'supervisor', target: 'watchedAgent', handle: disconnect },
  pickup: { permission: 'supervisor', target: 'watchedAgent', handle: pickup },
  setOnline: { permission: 'supervisor', target: 'watchedAgent', handle: setOnline },
  setOffline: { permission: 'supervisor', target: 'watchedAgent', handle: setOffline },
  getQueueStatus: { permission: 'supervisor', handle: getQueueStatus },
  ListPreviewDialingTask: { permission: 'supervisor', handle: listPreviewDialingTasks },
};
