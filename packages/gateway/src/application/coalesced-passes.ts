/**
 * One pass at a time per key (a queue's routing, a task's pacing): a pass asked for while one runs makes it run once
 * more when it is done, however many times it was asked, so a burst of triggers costs at most two passes.
 */
export class CoalescedPasses {
  private readonly passes = new Map<string, { again: boolean; done: Promise<void> }>();

  /**
   * Runs `pass` for `key` now, or once more after the running one; `running()` false stops asking again. A pass
   * handles its own errors (it logs them): it must not reject.
   */
  request(key: string, pass: () => Promise<void>, running: () => boolean = () => true): void {
    const current = this.passes.get(key);
    if (current) {
      current.again = true;
      return;
    }
    const entry = { again: true, done: Promise.resolve() };
    this.passes.set(key, entry);
    entry.done = (async () => {
      try {
        while (entry.again && running()) {
          entry.again = false;
          await pass();
        }
      } finally {
        this.passes.delete(key);
      }
    })();
  }

  /** Resolves when every pass asked for so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.passes.size > 0) await Promise.all([...this.passes.values()].map((pass) => pass.done));
  }
}
