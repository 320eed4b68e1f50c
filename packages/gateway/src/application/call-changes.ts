/**
 * Where the call service tells of every stored change of a call, and where the queue status feed and the dialer
 * listen: built before both sides, so the services are constructed in dependency order.
 */
import type { CallRecord } from '../domain/call.js';

type CallListener = (call: CallRecord) => void;

export class CallChanges {
  private readonly listeners: CallListener[] = [];

  on(listener: CallListener): void {
    this.listeners.push(listener);
  }

  changed(call: CallRecord): void {
    for (const listener of this.listeners) listener(call);
  }
}
