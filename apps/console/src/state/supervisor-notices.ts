/**
 * What a supervisor did to this agent, in words for the agent's desk: forced busy or available, ended the call,
 * picked up the call ringing here. Pure: reads one SDK event.
 */
const STATUS_NOTICES: Record<string, string> = {
  setPause: 'A supervisor set you to Busy. Choose Available when you are ready for calls again.',
  setUnpause: 'A supervisor set you to Available.',
};

const CALL_END_NOTICES: Record<string, string> = {
  supervisor: 'A supervisor ended your call.',
  pickedUp: 'A supervisor picked up the call that was ringing for you.',
};

export function supervisorNoticeOf(name: string, payload: Record<string, unknown>): string | undefined {
  if (name === 'agentStatus' && typeof payload.stateAction === 'string') return STATUS_NOTICES[payload.stateAction];
  if (name === 'sessionTerminate' && typeof payload.reason === 'string') return CALL_END_NOTICES[payload.reason];
  return undefined;
}

export const SIGNED_OUT_BY_SUPERVISOR = 'A supervisor signed you out. Sign in again when you are ready.';
