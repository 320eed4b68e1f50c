/**
 * The embedded call records: the ended calls the live store (SQLite by default) already holds, which is what
 * `/cdrs` has always read. The store's version of a call is its revision, so appending what the gateway just stored
 * finds it there and changes nothing; a record the store does not hold yet (a copy from elsewhere) is written.
 */
import { CallRecordRejectedError, type CallRecords } from '../../ports/call-records.js';
import type { CallStore } from '../../ports/store.js';
import type { CallRecord } from '../../domain/call.js';

const MAX_WRITE_ATTEMPTS = 5;

export function liveStoreCallRecords(calls: CallStore): CallRecords {
  async function keep(record: CallRecord, revision: number): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const stored = await calls.get(record.callId);
      if (stored && stored.version >= revision) return;
      if (await calls.compareAndSet(record, stored?.version ?? 0)) return;
    }
    throw new Error(`call ${record.callId} changed too often to keep its record`);
  }

  return {
    async append(records) {
      const notEnded = records.filter(({ record }) => record.phase !== 'ended').map(({ record }) => record.callId);
      for (const { record, revision } of records) if (record.phase === 'ended') await keep(record, revision);
      if (notEnded.length > 0)
        throw new CallRecordRejectedError(notEnded, `calls ${notEnded.join(', ')} have not ended: only ended calls are records`);
    },
    list: (query) => calls.listEnded(query),
    async get(tenantId, callId) {
      const stored = await calls.get(callId);
      return stored?.value.tenantId === tenantId && stored.value.phase === 'ended' ? stored.value : undefined;
    },
    // The live store is closed by its owner.
    close: async () => undefined,
  };
}
