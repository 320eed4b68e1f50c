/**
 * A ManualClock that shows which timers are armed, so a test waits for the gateway to arm a timer before it moves
 * time past it (instead of sleeping and hoping the asynchronous work that arms it is done).
 */
import { expect, vi } from 'vitest';
import { ManualClock } from '@agentsdk/gateway';
import type { TimerHandle } from '../../packages/gateway/src/ports/clock.js';

export class WatchedClock extends ManualClock {
  /** Due times of the timers armed and neither fired nor cancelled. */
  private readonly armed = new Map<object, number>();

  override schedule(delayMs: number, callback: () => void): TimerHandle {
    const timer = {};
    this.armed.set(timer, this.now() + Math.max(0, delayMs));
    const handle = super.schedule(delayMs, () => {
      this.armed.delete(timer);
      callback();
    });
    return {
      cancel: () => {
        this.armed.delete(timer);
        handle.cancel();
      },
    };
  }

  /** Whether a timer due `delayMs` from now is armed. */
  isArmed(delayMs: number): boolean {
    const at = this.now() + delayMs;
    return [...this.armed.values()].includes(at);
  }

  /** Waits until a timer due `delayMs` from now is armed. */
  async armedIn(delayMs: number): Promise<void> {
    await vi.waitFor(() => expect(this.isArmed(delayMs), `a timer due in ${delayMs} ms`).toBe(true), { timeout: 5_000 });
  }
}
