/**
 * Copies ended calls' records from the live store to the call records (PostgreSQL with `DATABASE_URL`), never in the
 * way of call handling: `enqueue` returns at once, one writer appends in the background, and a failed write is tried
 * again after a growing pause until it lands. Delivery is at least once; the records keep one row per call.
 * What a stop, a crash or a full queue leaves unwritten is still in the live store: `catchUp` sends it, at start and
 * when writes succeed again after the queue overflowed.
 */
import type { CallRecord } from '../domain/call.js';
import { CallRecordRejectedError, type CallRecords, type RecordRevision } from '../ports/call-records.js';
import type { Clock } from '../ports/clock.js';
import type { CallStore } from '../ports/store.js';
import type { Logger } from '../ports/logger.js';

export interface CallRecordOutboxOptions {
  records: CallRecords;
  /** Where the records come from, for `catchUp`. */
  live: { calls: CallStore; tenantIds(): readonly string[] };
  clock: Clock;
  logger: Logger;
  /** First pause after a failed write; each failure in a row doubles it up to `maxRetryMs`. Defaults 200 ms and 10 s. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Records held in memory at most; beyond, they wait in the live store for a catch-up. Default 10 000. */
  maxPending?: number;
}

/** What the outbox did since it started (the metrics read them). */
export interface CallRecordTotals {
  /** Records kept (or found kept already). */
  kept: number;
  /** Records refused for good. */
  rejected: number;
  /** Writes that failed, to be tried again. */
  failedWrites: number;
}

/** A catch-up sends the live store's calls that ended this recently. */
export const CATCH_UP_WINDOW_MS = 24 * 60 * 60 * 1000;
const CATCH_UP_PAGE = 200;
/** Records one write sends together: one statement, one commit. */
const WRITE_BATCH = 100;

export class CallRecordOutbox {
  private readonly pending = new Map<string, RecordRevision>();
  /** The writer: runs while records wait; `running` is cleared the moment it finds none, so the next one starts it. */
  private writing: Promise<void> | undefined;
  private running = false;
  private retryMs = 0;
  private stopped = false;
  /** Records were left out of a full queue: a catch-up follows the next write that lands. */
  private overflowed = false;
  private wakeRetry: (() => void) | undefined;
  private readonly drainedWaiters = new Set<() => void>();
  /** A catch-up waiting for room in the queue. */
  private roomWaiters: (() => void)[] = [];

  readonly totals: CallRecordTotals = { kept: 0, rejected: 0, failedWrites: 0 };

  constructor(private readonly options: CallRecordOutboxOptions) {}

  /** Records waiting to be written. */
  get size(): number {
    return this.pending.size;
  }

  /** Queues an ended call's record; a later revision of a call still waiting replaces the earlier one. */
  enqueue(record: CallRecord, revision: number): void {
    const waiting = this.pending.get(record.callId);
    if (waiting && waiting.revision >= revision) return;
    if (!waiting && this.full) {
      this.overflowed = true;
      return;
    }
    this.pending.set(record.callId, { record, revision });
    if (this.running) return;
    this.running = true;
    this.writing = this.writeAll();
  }

  private get full(): boolean {
    return this.pending.size >= (this.options.maxPending ?? 10_000);
  }

  /** Queues the live store's calls that ended in the last `CATCH_UP_WINDOW_MS`, as room frees; how many it went through. */
  async catchUp(): Promise<number> {
    const { calls, tenantIds } = this.options.live;
    const from = this.options.clock.now() - CATCH_UP_WINDOW_MS;
    let count = 0;
    for (const tenantId of tenantIds()) {
      let before: { endedAt: number; callId: string } | undefined;
      for (;;) {
        const page = await calls.listEnded({ tenantId, from, limit: CATCH_UP_PAGE, before });
        for (const record of page) {
          while (this.full && !this.stopped) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
          if (this.stopped) return count;
          const stored = await calls.get(record.callId);
          if (stored?.value.phase === 'ended') this.enqueue(stored.value, stored.version);
        }
        count += page.length;
        const last = page.at(-1);
        if (page.length < CATCH_UP_PAGE || last?.endedAt === undefined) break;
        before = { endedAt: last.endedAt, callId: last.callId };
      }
    }
    return count;
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
    this.makeRoom();
    await this.writing;
  }

  private async writeAll(): Promise<void> {
    try {
      while (!this.stopped) {
        const batch: RecordRevision[] = [];
        for (const entry of this.pending.values()) if (batch.push(entry) === WRITE_BATCH) break;
        if (batch.length === 0) break;
        await this.write(batch);
      }
    } finally {
      this.running = false;
    }
    if (this.pending.size === 0) for (const done of [...this.drainedWaiters]) done();
  }

  private async write(batch: RecordRevision[]): Promise<void> {
    const { logger } = this.options;
    try {
      await this.options.records.append(batch);
      this.written(batch);
      this.totals.kept += batch.length;
      if (this.overflowed) this.catchUpAfterOverflow();
    } catch (error) {
      if (error instanceof CallRecordRejectedError) {
        this.written(batch);
        this.totals.kept += batch.length - error.callIds.length;
        this.totals.rejected += error.callIds.length;
        logger.error({ err: error, callIds: error.callIds }, 'call records were refused and are not kept');
        return;
      }
      this.totals.failedWrites += 1;
      this.retryMs = Math.min(
        this.options.maxRetryMs ?? 10_000,
        this.retryMs === 0 ? (this.options.firstRetryMs ?? 200) : this.retryMs * 2,
      );
      logger.warn(
        { err: error, records: batch.length, retryInMs: this.retryMs, pending: this.pending.size },
        'writing call records failed',
      );
      await this.pause(this.retryMs);
    }
  }

  /** Done with these revisions: a later one queued meanwhile stays. */
  private written(batch: readonly RecordRevision[]): void {
    for (const { record, revision } of batch)
      if (this.pending.get(record.callId)?.revision === revision) this.pending.delete(record.callId);
    this.retryMs = 0;
    this.makeRoom();
  }

  private makeRoom(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private catchUpAfterOverflow(): void {
    this.overflowed = false;
    this.catchUp().then(
      (count) => this.options.logger.info({ count }, 'call records left out of a full queue queued again'),
      (error: unknown) => {
        this.overflowed = true;
        this.options.logger.error({ err: error }, 'queuing call records again failed');
      },
    );
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
