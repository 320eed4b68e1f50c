/** Every SDK event as it arrives, newest last, for the event log panel: the SDK's behaviour, live. */
import type { SdkEvent } from './desk-model.js';
import { createStore } from './store.js';

export type LoggedEvent = SdkEvent & { seq: number; at: number };

type EventLogAction = { type: 'record'; event: SdkEvent; at: number } | { type: 'clear' };

const CAPACITY = 300;
let seq = 0;

function reduceEventLog(entries: LoggedEvent[], action: EventLogAction): LoggedEvent[] {
  if (action.type === 'clear') return entries.length === 0 ? entries : [];
  seq += 1;
  return [...entries.slice(-(CAPACITY - 1)), { ...action.event, seq, at: action.at }];
}

export const eventLogStore = createStore<LoggedEvent[], EventLogAction>(reduceEventLog, []);
