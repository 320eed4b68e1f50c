/**
 * A ManualClock that shows which timers are armed, so a test waits for the gateway to arm a timer before it moves
 * time past it (instead of sleeping and hoping the asynchronous work that arms it is done).
 */
import { expect, vi } from 'vitest';
import { ManualClock } from '@agentsdk/gateway';
import type { TimerHandle } from '../../packages/gateway/src/ports/clock.js';

interface ArmedTimer {
  at: number;
  /** Order of arming, to tell the timers armed after a `mark()`. */
  sequence: number;
}

export class WatchedClock extends ManualClock {
  /** The timers armed and neither fired nor cancelled. */
  private readonly armed = new Set<ArmedTimer>();
  private armedSoFar = 0;

  override schedule(delayMs: number, callback: () => void): TimerHandle {
    const timer: ArmedTimer = { at: this.now() + Math.max(0, delayMs), sequence: this.armedSoFar++ };
    this.armed.add(timer);
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

  /** A point to tell later timers from those armed before it. */
  mark(): number {
    return this.armedSoFar;
  }

  /** Whether a timer due `delayMs` from now is armed (one armed since `mark` when given). */
  isArmed(delayMs: number, mark = 0): boolean {
    const at = this.now() + delayMs;
    return [...this.armed].some((timer) => timer.at === at && timer.sequence >= mark);
  }

  /** Waits until a timer due `delayMs` from now is armed (one armed since `mark` when given). */
  async armedIn(delayMs: number, mark = 0): Promise<void> {
    await vi.waitFor(() => expect(this.isArmed(delayMs, mark), `a timer due in ${delayMs} ms`).toBe(true), { timeout: 5_000 });
  }
}
