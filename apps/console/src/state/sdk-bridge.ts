/** Feeds every SDK event into the desk state and the event log. Subscribed once, before the first login. */
import type { EventName } from '@agentsdk/sdk';
import { agentSdk } from '../sdk/agent-sdk.js';
import { deskStore } from './desk-state.js';
import { eventLogStore } from './event-log.js';

let connected = false;

export function connectSdkEvents(): void {
  if (connected) return;
  connected = true;
  const sdk = agentSdk();
  const names = new Set<EventName>(Object.values(sdk.EventType));
  for (const name of names) {
    sdk.on(name, (payload: unknown) => {
      const at = Date.now();
      eventLogStore.dispatch({ type: 'record', name, payload, at });
      const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
      deskStore.dispatch({ type: 'sdkEvent', name, payload: record, at });
    });
  }
}
