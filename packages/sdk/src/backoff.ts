/** Delay before a reconnect attempt: exponential, capped, with jitter so clients dropped together do not return together. */

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

/** `attempt` counts from 1. The result lies in [cap / 2, cap) where cap = min(maxDelayMs, initialDelayMs * 2^(attempt-1)). */
export function reconnectDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
  const factor = 0.5 + Math.min(Math.max(random(), 0), 0.999_999) / 2;
  return Math.floor(cap * factor);
}
