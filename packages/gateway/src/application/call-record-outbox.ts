/**
 * Copies ended calls' records from the live store to the call records (PostgreSQL with `DATABASE_URL`), never in the
 * way of call handling: `enqueue` returns at once, one writer appends in the background, and a failed write is tried
 * again after a growing pause until it lands. Delivery is at least once; the records keep one row per call.
 * What a stop or a crash leaves unwritten is still in the live store, and `catchUp` at the next start sends it.
 */
import type { CallRecord } from '../domain/call.js';
import type { CallRecords } from '../ports/call-records.js';
import type { Clock } from '../ports/clock.js';
import type { CallStore } from '../ports/store.js';
import type { Logger } from './logger.js';

export interface CallRecordOutboxOptions {
  records: CallRecords;
  clock: Clock;
  logger: Logger;
  /** First pause after a failed write; each failure in a row doubles it up to `maxRetryMs`. Defaults 200 ms and 10 s. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  onWritten?: () => void;
  onWriteFailed?: () => void;
}

interface Pending {
  record: CallRecord;
  revision: number;
}

/** Records of calls ended this recently are sent again at start (`catchUp`): what a crash or an outage left behind. */
export const CATCH_UP_WINDOW_MS = 24 * 60 * 60 * 1000;
const CATCH_UP_PAGE = 200;

export class CallRecordOutbox {
  private readonly pending = new Map<string, Pending>();
  private writing: Promise<void> | undefined;
  private retryMs = 0;
  private stopped = false;
  private readonly drainedWaiters = new Set<() => void>();

  constructor(private readonly options: CallRecordOutboxOptions) {}

  /** Records waiting to be written. */
  get size(): number {
    return this.pending.size;
  }

  /** Queues an ended call's record; a later revision of a call still waiting replaces the earlier one. */
  enqueue(record: CallRecord, revision: number): void {
    const waiting = this.pending.get(record.callId);
    if (waiting && waiting.revision >= revision) return;
    this.pending.set(record.callId, { record, revision });
    this.writing ??= this.writeAll().finally(() => (this.writing = undefined));
  }

  /** Queues the live store's calls that ended in the last `CATCH_UP_WINDOW_MS`, tenant by tenant. */
  async catchUp(calls: CallStore, tenantIds: readonly string[]): Promise<number> {
    const from = this.options.clock.now() - CATCH_UP_WINDOW_MS;
    let queued = 0;
    for (const tenantId of tenantIds) {
      let before: { endedAt: number; callId: string } | undefined;
      for (;;) {
        const page = await calls.listEnded({ tenantId, from, limit: CATCH_UP_PAGE, before });
        for (const record of page) {
          const stored = await calls.get(record.callId);
          if (stored?.value.phase === 'ended') this.enqueue(stored.value, stored.version);
        }
        queued += page.length;
        const last = page.at(-1);
        if (page.length < CATCH_UP_PAGE || last?.endedAt === undefined) break;
        before = { endedAt: last.endedAt, callId: last.callId };
      }
    }
    return queued;
  }

  /** Waits until every queued record is written, or `timeoutMs` passed; true when none is left. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.pending.size > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.drainedWaiters.delete(done);
          timer.cancel();
          resolve();
        };
        this.drainedWaiters.add(done);
        const timer = this.options.clock.schedule(timeoutMs, done);
      });
    }
    return this.pending.size === 0;
  }

  /** Stops writing (after `drain`): what is left stays in the live store for the next start's `catchUp`. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeRetry?.();
    await this.writing;
  }

  private wakeRetry: (() => void) | undefined;

  private async writeAll(): Promise<void> {
    while (!this.stopped) {
      const next = this.pending.values().next();
      if (next.done) break;
      const { record, revision } = next.value;
      try {
        await this.options.records.append(record, revision);
        if (this.pending.get(record.callId)?.revision === revision) this.pending.delete(record.callId);
        this.retryMs = 0;
        this.options.onWritten?.();
      } catch (error) {
        this.options.onWriteFailed?.();
        this.retryMs = Math.min(this.options.maxRetryMs ?? 10_000, this.retryMs === 0 ? (this.options.firstRetryMs ?? 200) : this.retryMs * 2);
        this.options.logger.warn({ err: error, callId: record.callId, retryInMs: this.retryMs, pending: this.pending.size }, 'writing a call record failed');
        await this.pause(this.retryMs);
      }
    }
    if (this.pending.size === 0) for (const done of [...this.drainedWaiters]) done();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.options.clock.schedule(ms, () => {
        this.wakeRetry = undefined;
        resolve();
      });
      this.wakeRetry = () => {
        timer.cancel();
        this.wakeRetry = undefined;
        resolve();
      };
    });
  }
}
