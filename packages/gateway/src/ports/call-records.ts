/**
 * Call records (CDRs) for the long term, in domain terms: each ended call's final record, kept once by its call id and
 * read a page at a time as `GET /api/v1/tenants/{tenantId}/cdrs` shows them. The embedded default reads the live store's
 * ended calls; PostgreSQL (`DATABASE_URL`) keeps them apart from the live state. Every adapter passes
 * tests/call-records-conformance.test.ts. A record carries its recording's metadata (`recording`: which node keeps
 * the file), so it needs no table of its own.
 *
 * Dialer results are the seam left open: an `appendDialerResult` beside `append`, with its own migration (a
 * `dialer_results` table keyed by task and number) and its own cases in the conformance suite.
 */
import type { CallRecord } from '../domain/call.js';
import type { CallRecordQuery } from './store.js';

/** A record the call records will never keep, however often it is sent (a call not ended, data they refuse). */
export class CallRecordRejectedError extends Error {
  override readonly name = 'CallRecordRejectedError';
}

export interface CallRecords {
  /**
   * Keeps an ended call's record. `revision` is the live store's version of it: a record keeps changing after its
   * call ended (dispositions), so a higher revision replaces a lower one, and the same or a lower one changes nothing
   * (delivery is at least once). Throws `CallRecordRejectedError` for a record that can never be kept; any other
   * error may pass (the store is unreachable), and the same append is worth trying again.
   */
  append(record: CallRecord, revision: number): Promise<void>;
  /** The tenant's kept records, newest first (`endedAt`, then `callId`), as the query filters and pages them. */
  list(query: CallRecordQuery): Promise<CallRecord[]>;
  get(tenantId: string, callId: string): Promise<CallRecord | undefined>;
  close(): Promise<void>;
}
