/** on/off/once typed by an event map. One failing handler does not keep the event from the others. */

export type EventHandler<T> = (payload: T) => void;

interface Listener {
  handler: EventHandler<unknown>;
  once: boolean;
}

export class TypedEmitter<M extends object> {
  private readonly listeners = new Map<keyof M, Listener[]>();

  /** `onHandlerError` hears of every handler that threw or rejected, after it is reported on console.error. */
  constructor(private readonly onHandlerError?: (event: string, error: unknown) => void) {}

  on<E extends keyof M>(event: E, handler: EventHandler<M[E]>): void {
    this.add(event, handler, false);
  }

  /** The handler runs for the next emission only; `off(event, handler)` removes it before that. */
  once<E extends keyof M>(event: E, handler: EventHandler<M[E]>): void {
    this.add(event, handler, true);
  }

  off<E extends keyof M>(event: E, handler: EventHandler<M[E]>): void {
    this.remove(event, (listener) => listener.handler === handler);
  }

  emit<E extends keyof M>(event: E, payload: M[E]): void {
    const listeners = this.listeners.get(event);
    if (listeners === undefined) return;
    for (const listener of [...listeners]) {
      // A handler emitting the same event may already have consumed this once-listener.
      if (listener.once && !this.remove(event, (candidate) => candidate === listener)) continue;
      this.invoke(String(event), listener.handler, payload);
    }
  }

  private add(event: keyof M, handler: EventHandler<never>, once: boolean): void {
    if (typeof handler !== 'function') throw new TypeError(`The handler of "${String(event)}" must be a function`);
    const listeners = this.listeners.get(event) ?? [];
    listeners.push({ handler: handler as EventHandler<unknown>, once });
    this.listeners.set(event, listeners);
  }

  private remove(event: keyof M, matches: (listener: Listener) => boolean): boolean {
    const listeners = this.listeners.get(event);
    const index = listeners?.findIndex(matches) ?? -1;
    if (listeners === undefined || index < 0) return false;
    listeners.splice(index, 1);
    if (listeners.length === 0) this.listeners.delete(event);
    return true;
  }

  private invoke(event: string, handler: EventHandler<unknown>, payload: unknown): void {
    try {
      const result: unknown = handler(payload);
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.reportHandlerError(event, error));
    } catch (error) {
      this.reportHandlerError(event, error);
    }
  }

  private reportHandlerError(event: string, error: unknown): void {
    console.error(`AgentSDK: a handler of "${event}" threw`, error);
    this.onHandlerError?.(event, error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
