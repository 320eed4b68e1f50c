/**
 * One row per operation of the API: who may call it and what handles it. Parameter schemas come from the protocol
 * package, so the table cannot drift from what the SDK validates. Adding an operation is adding a row.
 */
import type { OperationName, ValidatedParams } from '@agentsdk/protocol';
import type { OperationContext, Outcome, SignedInContext } from './operation-context.js';
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
import { notYetAvailable } from './operations/not-yet-available.js';

export type Permission = 'public' | 'agent' | 'supervisor';

export type OperationRow<K extends OperationName> =
  | { permission: 'public'; handle: (ctx: OperationContext, params: ValidatedParams<K>) => Promise<Outcome> }
  | { permission: 'agent' | 'supervisor'; handle: (ctx: SignedInContext, params: ValidatedParams<K>) => Promise<Outcome> };

export type OperationTable = { [K in OperationName]: OperationRow<K> };

const agentOnly = { permission: 'agent', handle: notYetAvailable } as const;
const supervisorOnly = { permission: 'supervisor', handle: notYetAvailable } as const;

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
  startAutoObCallTask: agentOnly,
  pauseAutoObCallTask: agentOnly,
  changeObCallMode: agentOnly,

  startAtxfer: { permission: 'agent', handle: startAtxfer },
  cancelAtxfer: { permission: 'agent', handle: cancelAtxfer },
  resumeAtxfer: { permission: 'agent', handle: resumeAtxfer },
  completeAtxfer: { permission: 'agent', handle: completeAtxfer },
  threewayAtxfer: { permission: 'agent', handle: threewayAtxfer },
  blxfer: { permission: 'agent', handle: blxfer },
  transferIvr: { permission: 'agent', handle: transferIvr },

  sipLink: agentOnly,
  sipUnlink: agentOnly,

  setPause: supervisorOnly,
  setUnpause: supervisorOnly,
  spy: supervisorOnly,
  unspy: supervisorOnly,
  performThreeway: supervisorOnly,
  cancelThreeway: supervisorOnly,
  whisper: supervisorOnly,
  unWhisper: supervisorOnly,
  barge: supervisorOnly,
  disconnect: supervisorOnly,
  pickup: supervisorOnly,
  setOnline: supervisorOnly,
  setOffline: supervisorOnly,
  getQueueStatus: supervisorOnly,
  ListPreviewDialingTask: supervisorOnly,
};
