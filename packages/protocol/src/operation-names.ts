/**
 * The names of every AgentSDK operation (docs 04 API) and their response actions, without the parameter schemas: the
 * SDK's core builds its methods and event names from these, and loads the schemas (valibot) only to validate a call.
 * `OPERATIONS` in operations.ts has one row per name, checked by the compiler.
 */
export const OPERATION_NAMES = [
  'login',
  'logout',
  'pause',
  'unpause',
  'updateBoundEndpoint',

  'previewObCall',
  'cancelPreviewObCall',
  'unlink',
  'reject',
  'hold',
  'unhold',
  'mute',
  'unmute',
  'sendDtmf',
  'performSatisfactionSurvey',
  'InternalCall',
  'prolongWrapup',
  'startAutoObCallTask',
  'pauseAutoObCallTask',
  'changeObCallMode',
  'setDisposition',

  'startAtxfer',
  'cancelAtxfer',
  'resumeAtxfer',
  'completeAtxfer',
  'threewayAtxfer',
  'blxfer',
  'transferIvr',

  'sipLink',
  'sipUnlink',

  'setPause',
  'setUnpause',
  'spy',
  'unspy',
  'performThreeway',
  'cancelThreeway',
  'whisper',
  'unWhisper',
  'barge',
  'disconnect',
  'pickup',
  'setOnline',
  'setOffline',
  'getQueueStatus',
  'ListPreviewDialingTask',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

const OPERATION_NAME_SET: ReadonlySet<string> = new Set(OPERATION_NAMES);

export function isOperationName(name: string): name is OperationName {
  return OPERATION_NAME_SET.has(name);
}

/** The response event name of an operation. Only `getQueueStatus` differs from `<operation>Resp` (spec 7.8). */
export type ResponseAction<K extends OperationName> = K extends 'getQueueStatus' ? 'queueStatus' : `${K}Resp`;

export function responseActionOf<K extends OperationName>(name: K): ResponseAction<K> {
  return (name === 'getQueueStatus' ? 'queueStatus' : `${name}Resp`) as ResponseAction<K>;
}
