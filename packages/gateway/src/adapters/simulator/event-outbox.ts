/**
 * Delivers telephony events to every subscriber in the order they happened, and never inside the call that caused
 * them. Delivery waits for the event loop's check phase (setImmediate), after pending promise continuations: a caller
 * that awaits a driver method has recorded what it did before it hears the consequences.
 */
import type { Unsubscribe } from '../../ports/bus.js';
import type { TelephonyEvent } from '../../ports/telephony.js';

export type TelephonyEventHandler = (event: TelephonyEvent) => void;

export class EventOutbox {
  private readonly handlers = new Set<TelephonyEventHandler>();
  private pending: TelephonyEvent[] = [];
  private delivery: NodeJS.Immediate | undefined;

  constructor(private readonly onHandlerError: (error: unknown) => void) {}

  subscribe(handler: TelephonyEventHandler): Unsubscribe {
    // Wrapped, so the same function subscribed twice is two subscriptions, each removed by its own Unsubscribe.
    const subscription: TelephonyEventHandler = (event) => handler(event);
    this.handlers.add(subscription);
    return () => this.handlers.delete(subscription);
  }

  post(event: TelephonyEvent): void {
    this.pending.push(event);
    this.delivery ??= setImmediate(() => this.deliver());
  }

  /** Drops undelivered events and every subscriber. */
  close(): void {
    if (this.delivery) clearImmediate(this.delivery);
    this.delivery = undefined;
    this.pending = [];
    this.handlers.clear();
  }

  private deliver(): void {
    // Events posted by handlers during this round go out in the next round, not inside the handler's own call.
    const events = this.pending;
    this.pending = [];
    this.delivery = undefined;
    for (const event of events) {
      for (const handler of [...this.handlers]) {
        if (!this.handlers.has(handler)) continue;
        try {
          handler(event);
        } catch (error) {
          // One failing subscriber must not keep the event from the others.
          this.onHandlerError(error);
        }
      }
    }
  }
}
