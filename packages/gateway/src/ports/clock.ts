/** Time, injected so domain timers (wrap-up, resume grace) can be driven by tests. */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `callback` once after `delayMs`. */
  schedule(delayMs: number, callback: () => void): TimerHandle;
}
