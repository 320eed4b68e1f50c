/**
 * Call records (CDRs) for the long term, in domain terms: each ended call's final record, kept once by its call id and
 * read a page at a time as `GET /api/v1/tenants/{tenantId}/cdrs` shows them. The embedded default reads the live store's
 * ended calls; PostgreSQL (`DATABASE_URL`) keeps them apart from the live state. Every adapter passes
 * tests/call-records-conformance.test.ts. A record carries its recording's metadata (`recording`: which node keeps
 * the file), so it needs no table of its own; nor do the dialer's results: a dialer task's call carries its task,
 * number and attempt (`dialer`), so PostgreSQL derives its `dialer_results` row from the record it keeps.
 */
import type { CallRecord } from '../domain/call.js';
import type { CallRecordQuery } from './store.js';

/**
 * Records the call records will never keep, however often they are sent (a call not ended, data they refuse); the
 * others of the same append were kept.
 */
export class CallRecordRejectedError extends Error {
  override readonly name = 'CallRecordRejectedError';

  constructor(
    readonly callIds: string[],
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The call records cannot answer now (their database is unreachable, or not ready): try again later. */
export class CallRecordsUnavailableError extends Error {
  override readonly name = 'CallRecordsUnavailableError';
}

/** An ended call's record and its revision: the live store's version of it. */
export interface RecordRevision {
  record: CallRecord;
  revision: number;
}

export interface CallRecords {
  /**
   * Keeps ended calls' records, several at a time. A record keeps changing after its call ended (dispositions), so a
   * higher revision replaces a lower one, and the same or a lower one changes nothing (delivery is at least once).
   * Throws `CallRecordRejectedError` naming the records that can never be kept, after keeping the others; any other
   * error may pass (the store is unreachable), and the same append is worth trying again.
   */
  append(records: readonly RecordRevision[]): Promise<void>;
  /**
   * The tenant's kept records, newest first (`endedAt`, then `callId`), as the query filters and pages them. `list` and
   * `get` throw `CallRecordsUnavailableError` while the records cannot be read.
   */
  list(query: CallRecordQuery): Promise<CallRecord[]>;
  get(tenantId: string, callId: string): Promise<CallRecord | undefined>;
  close(): Promise<void>;
}
