/** Every SDK event as it arrives, newest last, for the event log panel: the SDK's behaviour, live. */
import { createStore } from './store.js';

export interface LoggedEvent {
  seq: number;
  at: number;
  name: string;
  payload: unknown;
}

type EventLogAction = { type: 'record'; name: string; payload: unknown; at: number } | { type: 'clear' };

const CAPACITY = 300;
let seq = 0;

function reduceEventLog(entries: LoggedEvent[], action: EventLogAction): LoggedEvent[] {
  if (action.type === 'clear') return entries.length === 0 ? entries : [];
  seq += 1;
  return [...entries.slice(-(CAPACITY - 1)), { seq, at: action.at, name: action.name, payload: action.payload }];
}

export const eventLogStore = createStore(reduceEventLog, []);
