/**
 * For every operation of the API: parameters that must be refused and the field the refusal must name.
 * Used both against the SDK (local INVALID_PARAMS) and against the gateway directly (code -1, errorCode 20000).
 */
import type { OperationName } from '@agentsdk/protocol';

export interface BadParameterCase {
  params: unknown;
  field: string;
  /** Text the message must contain besides the field name. */
  says: string;
}

const login = {
  sessionKey: 'k',
  tenantId: 'demo',
  agentNo: '1001',
  bindEndpoint: { endpointType: 1, endpoint: '13600000000' },
  initialStatus: 1,
};

const missing = (params: Record<string, unknown>, field: string): BadParameterCase => {
  const copy = { ...params };
  delete copy[field];
  return { params: copy, field, says: 'is required' };
};

export const BAD_PARAMETER_CASES: Record<OperationName, BadParameterCase[]> = {
  login: [
    missing(login, 'sessionKey'),
    missing(login, 'tenantId'),
    missing(login, 'agentNo'),
    missing(login, 'bindEndpoint'),
    missing(login, 'initialStatus'),
    { params: { ...login, agentNo: 1001 }, field: 'agentNo', says: 'must be a string' },
    { params: { ...login, initialStatus: 4 }, field: 'initialStatus', says: 'must be one of 1, 2, 3' },
    { params: { ...login, initialStatus: 2 }, field: 'pauseDescription', says: 'is required when initialStatus is 2' },
    {
      params: { ...login, bindEndpoint: { endpointType: 5, endpoint: '1' } },
      field: 'bindEndpoint.endpointType',
      says: 'must be one of 1, 2, 3',
    },
    {
      params: { ...login, bindEndpoint: { endpointType: 1, endpoint: 'abc' } },
      field: 'bindEndpoint.endpoint',
      says: 'must be a phone number',
    },
    {
      params: { ...login, bindEndpoint: { endpointType: 3, endpoint: '<script>' } },
      field: 'bindEndpoint.endpoint',
      says: 'softphone name',
    },
    {
      params: { ...login, bindEndpoint: { endpointType: 3, endpoint: 'a\u0000b' } },
      field: 'bindEndpoint.endpoint',
      says: 'softphone name',
    },
    { params: { ...login, workMode: '1' }, field: 'workMode', says: 'must be comma-separated values of 0, 4 or 5' },
    { params: { ...login, qids: 'demo' }, field: 'qids', says: '<tenantId>:<queueNo>' },
    { params: { ...login, agentno: '1' }, field: 'agentno', says: 'is not a known parameter' },
  ],
  logout: [
    { params: {}, field: 'logoutMode', says: 'is required' },
    { params: { logoutMode: 3 }, field: 'logoutMode', says: 'must be one of 1, 2' },
    { params: { logoutMode: 1, unbindEndpoint: 2 }, field: 'unbindEndpoint', says: 'must be one of 0, 1' },
  ],
  pause: [
    { params: {}, field: 'pauseType', says: 'is required' },
    { params: { pauseType: '1' }, field: 'pauseType', says: 'must be a number' },
    { params: { pauseType: 9 }, field: 'pauseType', says: 'must be between 0 and 3' },
    { params: { pauseType: 1, pauseDescription: '' }, field: 'pauseDescription', says: 'must not be empty' },
  ],
  unpause: [{ params: { now: true }, field: 'now', says: 'is not a known parameter' }],
  updateBoundEndpoint: [
    { params: {}, field: 'bindEndpoint', says: 'is required' },
    { params: { bindEndpoint: { endpointType: 2, endpoint: 'x1' } }, field: 'bindEndpoint.endpoint', says: 'extension' },
  ],
  previewObCall: [
    { params: {}, field: 'customerNumber', says: 'is required' },
    { params: { customerNumber: '138', agentAnswerTimeout: 4 }, field: 'agentAnswerTimeout', says: 'must be between 5 and 60' },
    { params: { customerNumber: '138', customerAnswerTimeout: 61 }, field: 'customerAnswerTimeout', says: 'must be between 5 and 60' },
    {
      params: { customerNumber: '138', chanVariables: Array(6).fill({ name: 'a', value: 'b' }) },
      field: 'chanVariables',
      says: 'at most 5',
    },
    {
      params: { customerNumber: '138', chanVariables: [{ name: '1a', value: 'b' }] },
      field: 'chanVariables.0.name',
      says: 'must be a letter',
    },
    { params: { customerNumber: '138', backupNumber: '1,2,3,4,5,6' }, field: 'backupNumber', says: 'at most 5 numbers' },
    { params: { customerNumber: '138', cdrIsAsr: 2 }, field: 'cdrIsAsr', says: 'must be one of 0, 1' },
  ],
  cancelPreviewObCall: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  unlink: [{ params: { side: 3 }, field: 'side', says: 'must be one of 1, 2' }],
  reject: [{ params: { description: 'x'.repeat(20) }, field: 'description', says: 'shorter than 20' }],
  hold: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  unhold: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  mute: [{ params: { direction: 'up' }, field: 'direction', says: 'must be one of in, out, all' }],
  unmute: [{ params: { direction: 1 }, field: 'direction', says: 'must be one of in, out, all' }],
  sendDtmf: [
    { params: { target: 2 }, field: 'digits', says: 'is required' },
    { params: { digits: '12' }, field: 'target', says: 'is required' },
    { params: { digits: '1x', target: 2 }, field: 'digits', says: 'must be 1-20 of' },
    { params: { digits: '1'.repeat(21), target: 2 }, field: 'digits', says: 'must be 1-20 of' },
    { params: { digits: '1', target: 2, durationMs: 99 }, field: 'durationMs', says: 'must be between 100 and 500' },
    { params: { digits: '1', target: 2, gapMs: 1001 }, field: 'gapMs', says: 'must be between 250 and 1000' },
  ],
  performSatisfactionSurvey: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  InternalCall: [
    { params: { target: '1002' }, field: 'targetType', says: 'is required' },
    { params: { targetType: 2, target: '1002' }, field: 'targetType', says: 'must be one of 0, 1' },
    { params: { targetType: 0 }, field: 'target', says: 'is required' },
    { params: { targetType: 0, target: '1002', agentAnswerTimeout: 100 }, field: 'agentAnswerTimeout', says: 'must be between 5 and 60' },
  ],
  prolongWrapup: [
    { params: {}, field: 'wrapupTime', says: 'is required' },
    { params: { wrapupTime: 29 }, field: 'wrapupTime', says: 'must be between 30 and 600' },
    { params: { wrapupTime: 601 }, field: 'wrapupTime', says: 'must be between 30 and 600' },
  ],
  setDisposition: [
    { params: { dispositionCode: 'SOLD' }, field: 'callId', says: 'is required' },
    { params: { callId: 'c1' }, field: 'dispositionCode', says: 'is required' },
    { params: { callId: 'c1', dispositionCode: 'SOLD', notes: 'x'.repeat(2001) }, field: 'notes', says: 'must be at most 2000 characters' },
  ],
  startAutoObCallTask: [
    { params: {}, field: 'taskId', says: 'is required' },
    { params: { taskId: '11', callParams: 'not json' }, field: 'callParams', says: 'must be a JSON object' },
  ],
  pauseAutoObCallTask: [{ params: {}, field: 'taskId', says: 'is required' }],
  getPreviewNumber: [{ params: {}, field: 'taskId', says: 'is required' }],
  skipPreviewNumber: [
    { params: { number: '13900000001' }, field: 'taskId', says: 'is required' },
    { params: { taskId: '12' }, field: 'number', says: 'is required' },
  ],
  changeObCallMode: [
    { params: {}, field: 'workMode', says: 'is required' },
    { params: { workMode: 4 }, field: 'workMode', says: 'must be one of 0, 1, 2' },
  ],
  startAtxfer: [
    { params: { target: '1002' }, field: 'targetType', says: 'is required' },
    { params: { targetType: 3, target: '1002' }, field: 'targetType', says: 'must be one of 0, 1, 2' },
    { params: { targetType: 1 }, field: 'target', says: 'is required' },
  ],
  cancelAtxfer: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  resumeAtxfer: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  completeAtxfer: [{ params: { durationLimit: 0 }, field: 'durationLimit', says: 'must be between 1 and' }],
  threewayAtxfer: [{ params: { preAlertSeconds: 'x' }, field: 'preAlertSeconds', says: 'must be a number' }],
  blxfer: [
    { params: { target: '1002' }, field: 'targetType', says: 'is required' },
    { params: { targetType: 9, target: '1002' }, field: 'targetType', says: 'must be one of 0, 1, 2, 3, 4' },
    { params: { targetType: 1, target: '1002', blxferDialSayAgent: 2 }, field: 'blxferDialSayAgent', says: 'must be one of 0, 1' },
  ],
  transferIvr: [
    { params: {}, field: 'ivrTarget', says: 'is required' },
    { params: { ivrTarget: { ivrId: 1 } }, field: 'ivrTarget.ivrNode', says: 'is required' },
  ],
  sipLink: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  sipUnlink: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
  setPause: [{ params: {}, field: 'agentNo', says: 'is required' }],
  setUnpause: [{ params: { agentNo: '' }, field: 'agentNo', says: 'must not be empty' }],
  spy: [{ params: {}, field: 'agentNo', says: 'is required' }],
  unspy: [{ params: { agentNo: '1' }, field: 'agentNo', says: 'is not a known parameter' }],
  performThreeway: [{ params: {}, field: 'agentNo', says: 'is required' }],
  cancelThreeway: [{ params: {}, field: 'agentNo', says: 'is required' }],
  whisper: [{ params: {}, field: 'agentNo', says: 'is required' }],
  unWhisper: [{ params: { agentNo: '1' }, field: 'agentNo', says: 'is not a known parameter' }],
  barge: [{ params: {}, field: 'agentNo', says: 'is required' }],
  disconnect: [{ params: {}, field: 'agentNo', says: 'is required' }],
  pickup: [{ params: { agentNo: 5 }, field: 'agentNo', says: 'must be a string' }],
  setOnline: [
    { params: { agentNo: '1001' }, field: 'bindEndpoint', says: 'is required' },
    { params: { bindEndpoint: { endpointType: 1, endpoint: '13600000000' } }, field: 'agentNo', says: 'is required' },
  ],
  setOffline: [{ params: { agentNo: '1001', unbindEndpoint: 3 }, field: 'unbindEndpoint', says: 'must be one of 0, 1' }],
  getQueueStatus: [
    { params: { fields: 'queueParams,bogus' }, field: 'fields', says: 'must be comma-separated sections' },
    { params: { queueNos: 'all' }, field: 'queueNos', says: 'must be an array' },
  ],
  ListPreviewDialingTask: [{ params: { x: 1 }, field: 'x', says: 'is not a known parameter' }],
};
