/**
 * Holds the `AgentSDK.getState()` snapshot: fed every event the client emits, before the app's handlers run, through
 * `reduceState`; frozen, replaced (never changed) on each change, and announced to `subscribe` listeners.
 */
import { EventType, type EventMap, type EventName } from '@agentsdk/protocol';
import type { TypedEmitter } from '../typed-emitter.js';
import { INITIAL_STATE, type AgentSdkState } from './agent-sdk-state.js';
import { reduceState } from './reduce-state.js';

export type StateListener = (state: AgentSdkState, previous: AgentSdkState) => void;

export class StateStore {
  private state: AgentSdkState = INITIAL_STATE;
  private readonly listeners = new Set<StateListener>();

  /** Call before anything else listens to `events`, so the state is current in every app handler. */
  constructor(events: TypedEmitter<EventMap>) {
    for (const event of Object.values(EventType) as EventName[]) {
      events.on(event, (payload) => this.apply(event, payload));
    }
  }

  get current(): AgentSdkState {
    return this.state;
  }

  subscribe(listener: StateListener): () => void {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
    const entry: StateListener = (state, previous) => listener(state, previous);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** A tab joining another tab's session (tab-session.ts) starts from that tab's snapshot. */
  replace(state: AgentSdkState): void {
    this.change(this.state, structuredClone(state));
  }

  private apply<E extends EventName>(event: E, payload: EventMap[E]): void {
    // The reducer gets its own copy: the snapshot must not share objects with a payload the app may still change.
    this.change(this.state, reduceState(this.state, event, structuredClone(payload)));
  }

  private change(previous: AgentSdkState, next: AgentSdkState): void {
    if (next === previous) return;
    this.state = deepFreeze(next);
    for (const listener of [...this.listeners]) {
      try {
        listener(this.state, previous);
      } catch (error) {
        console.error('AgentSDK: a state listener threw', error);
      }
    }
  }
}

/** Parts kept from the previous snapshot are frozen already, and so is everything below them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
