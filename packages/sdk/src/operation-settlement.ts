/**
 * Honest ordering: the gateway answers an operation first and emits the events of its effects right after. For the
 * operations below, the SDK resolves the Promise only once the event that shows the new state has been emitted too,
 * so a page that renders after `await AgentSDK.pause(...)` (or reads `getState()`) already sees the agent busy.
 * Operations not listed resolve with their response; their events follow.
 */
import type { EventMap, EventName, OperationName } from '@agentsdk/protocol';

/** The event that makes an operation's success visible, and how to recognise it. */
export interface Settlement {
  event: EventName;
  matches(payload: unknown): boolean;
}

const agentStatusEntered = (stateAction: string): Settlement => ({
  event: 'agentStatus',
  matches: (payload) => (payload as EventMap['agentStatus']).stateAction === stateAction,
});

const event = (name: EventName): Settlement => ({ event: name, matches: () => true });

const SETTLEMENTS: Partial<Record<OperationName, (params: unknown) => Settlement | undefined>> = {
  login: () => agentStatusEntered('login'),
  // logoutMode 2 during a call or wrap-up signs out later: its response is all there is for now.
  logout: (params) => ((params as { logoutMode?: unknown } | undefined)?.logoutMode === 1 ? agentStatusEntered('logout') : undefined),
  pause: () => agentStatusEntered('pause'),
  unpause: () => agentStatusEntered('unpause'),
  updateBoundEndpoint: () => agentStatusEntered('updateBoundEndpoint'),
  prolongWrapup: () => agentStatusEntered('prolongWrapup'),
  hold: () => event('callHeld'),
  unhold: () => event('callUnheld'),
  mute: () => event('callMuted'),
  unmute: () => event('callUnmuted'),
  previewObCall: () => event('previewObCallResult'),
  startAtxfer: () => event('atxferStart'),
  completeAtxfer: () => event('completeAtxferResult'),
  threewayAtxfer: () => event('threewayAtxferResult'),
  spy: () => event('spyResult'),
  whisper: () => event('whisperResult'),
  barge: () => event('bargeResult'),
  performThreeway: () => event('threewayResult'),
  disconnect: () => event('disconnectResult'),
  setOffline: () => event('setOfflineResult'),
};

export function settlementOf(operation: OperationName, params: unknown): Settlement | undefined {
  return SETTLEMENTS[operation]?.(params);
}
