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

/** Operations whose success is the `agentStatus` event with their own name as `stateAction`. */
const STATUS_OPERATIONS = new Set<OperationName>(['login', 'pause', 'unpause', 'updateBoundEndpoint', 'prolongWrapup']);

/** Operations whose success is an event of their own. */
const SETTLING_EVENTS: Partial<Record<OperationName, EventName>> = {
  hold: 'callHeld',
  unhold: 'callUnheld',
  mute: 'callMuted',
  unmute: 'callUnmuted',
  previewObCall: 'previewObCallResult',
  startAtxfer: 'atxferStart',
  completeAtxfer: 'completeAtxferResult',
  threewayAtxfer: 'threewayAtxferResult',
  spy: 'spyResult',
  whisper: 'whisperResult',
  barge: 'bargeResult',
  performThreeway: 'threewayResult',
  disconnect: 'disconnectResult',
  setOffline: 'setOfflineResult',
};

export function settlementOf(operation: OperationName, params: unknown): Settlement | undefined {
  // logoutMode 2 during a call or wrap-up signs out later: its response is all there is for now.
  const signsOutNow = operation === 'logout' && (params as { logoutMode?: unknown } | undefined)?.logoutMode === 1;
  if (signsOutNow || STATUS_OPERATIONS.has(operation)) {
    // pause or unpause ending a wrap-up that a logoutMode 2 waited for signs the agent out instead.
    return {
      event: 'agentStatus',
      matches: (payload) => {
        const status = payload as EventMap['agentStatus'];
        return status.stateAction === operation || status.state === 'offline';
      },
    };
  }
  const event = SETTLING_EVENTS[operation];
  return event === undefined ? undefined : { event, matches: () => true };
}
