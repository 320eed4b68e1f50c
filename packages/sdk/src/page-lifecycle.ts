/**
 * Page lifecycle: a laptop that slept, a tab that was frozen or hidden, a network that came back. On each of these
 * signals (and when timers fire much later than they should, which is what sleep looks like from inside) the SDK
 * checks its connection at once instead of waiting for the heartbeat or the next reconnect attempt.
 */

/** The checks `watchPageLifecycle` triggers. */
export type LifecycleSignal = 'online' | 'offline' | 'visible' | 'resume' | 'pageshow' | 'timerGap';

interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** How often the timer-gap watch ticks; a tick later than twice this means the machine slept or the page was frozen. */
const TICK_MS = 5_000;

export function watchPageLifecycle(onSignal: (signal: LifecycleSignal) => void): () => void {
  const scope = globalThis as { addEventListener?: unknown; document?: unknown };
  const page = typeof scope.addEventListener === 'function' ? (globalThis as unknown as EventSource) : undefined;
  const document = scope.document as (EventSource & { visibilityState?: string }) | undefined;
  const stops: (() => void)[] = [];
  const listen = (target: EventSource | undefined, type: string, listener: () => void) => {
    if (target === undefined || typeof target.addEventListener !== 'function') return;
    target.addEventListener(type, listener);
    stops.push(() => target.removeEventListener(type, listener));
  };

  listen(page, 'online', () => onSignal('online'));
  listen(page, 'offline', () => onSignal('offline'));
  listen(page, 'pageshow', () => onSignal('pageshow'));
  listen(document, 'resume', () => onSignal('resume'));
  listen(document, 'visibilitychange', () => {
    if (document?.visibilityState === 'visible') onSignal('visible');
  });

  let lastTick = Date.now();
  const ticker = setInterval(() => {
    const now = Date.now();
    if (now - lastTick > 2 * TICK_MS) onSignal('timerGap');
    lastTick = now;
  }, TICK_MS);
  // A Node process (a script, a test) must not stay alive for this watch alone.
  (ticker as { unref?: () => void }).unref?.();
  stops.push(() => clearInterval(ticker));

  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}
