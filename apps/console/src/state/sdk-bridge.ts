/** Feeds every SDK event into the desk state and the event log. Subscribed once, before the first login. */
import type { EventMap, EventName } from '@agentsdk/sdk';
import { agentSdk, type ScriptTagAgentSdk } from '../sdk/agent-sdk.js';
import type { SdkEvent } from './desk-model.js';
import { deskStore } from './desk-state.js';
import { eventLogStore } from './event-log.js';

let connected = false;

export function connectSdkEvents(): void {
  if (connected) return;
  connected = true;
  const sdk = agentSdk();
  for (const name of new Set<EventName>(Object.values(sdk.EventType))) forward(sdk, name);
}

function forward<K extends EventName>(sdk: ScriptTagAgentSdk, name: K): void {
  sdk.on(name, (payload: EventMap[K]) => {
    const at = Date.now();
    // `on(name)` hands over that event's payload, so name and payload belong together as SdkEvent says.
    const event = { name, payload } as SdkEvent;
    eventLogStore.dispatch({ type: 'record', event, at });
    deskStore.dispatch({ ...event, type: 'sdkEvent', at });
  });
}
