/**
 * The live store's calls, telling `onEnded` of every ended call's record it writes (the end itself, a disposition set
 * afterwards, a call ended by a node's recovery) with the record's new version: whoever writes, the records follow.
 */
import type { CallRecord } from '../domain/call.js';
import type { CallStore } from '../ports/store.js';

export function callsFeedingRecords(calls: CallStore, onEnded: (record: CallRecord, revision: number) => void): CallStore {
  return {
    ...calls,
    async compareAndSet(record, expectedVersion) {
      const written = await calls.compareAndSet(record, expectedVersion);
      // A successful write makes the version one more than the expected one (ports/store.ts).
      if (written && record.phase === 'ended') onEnded(record, expectedVersion + 1);
      return written;
    },
  };
}
