/** A clock that moves only when told to: tests use it to expire wrap-up and resume grace without waiting. */
import type { Clock, TimerHandle } from '../../ports/clock.js';

interface PendingTimer {
  at: number;
  order: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Set<PendingTimer>();
  private created = 0;

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = { at: this.current + Math.max(0, delayMs), order: this.created++, callback };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  /** Moves time forward, firing due timers in time order. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.timers.delete(due);
      this.current = due.at;
      due.callback();
    }
    this.current = until;
  }
}
