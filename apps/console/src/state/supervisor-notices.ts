/**
 * What a supervisor did to this agent, in words for the agent's desk: forced busy or available, ended the call,
 * picked up the call ringing here. Pure: reads one SDK event.
 */
import type { AgentStatus, SessionTerminateReason } from '@agentsdk/sdk';
import type { SdkEventAction } from './desk-model.js';

const STATUS_NOTICES: Partial<Record<AgentStatus['stateAction'], string>> = {
  setPause: 'A supervisor set you to Busy. Choose Available when you are ready for calls again.',
  setUnpause: 'A supervisor set you to Available.',
};

const CALL_END_NOTICES: Partial<Record<SessionTerminateReason, string>> = {
  supervisor: 'A supervisor ended your call.',
  pickedUp: 'A supervisor picked up the call that was ringing for you.',
};

export function supervisorNoticeOf(action: SdkEventAction): string | undefined {
  if (action.name === 'agentStatus') return STATUS_NOTICES[action.payload.stateAction];
  if (action.name === 'sessionTerminate') return CALL_END_NOTICES[action.payload.reason];
  return undefined;
}

export const SIGNED_OUT_BY_SUPERVISOR = 'A supervisor signed you out. Sign in again when you are ready.';
