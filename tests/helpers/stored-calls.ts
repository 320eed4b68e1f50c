/** A call record as a store keeps it, with the fields a case does not care about filled in (queued, no legs). */
import type { CallRecord } from '../../packages/gateway/src/domain/call.js';

export function storedCall(callId: string, fields: Partial<CallRecord> = {}): CallRecord {
  return {
    callId,
    tenantId: 't1',
    callType: 1,
    phase: 'queued',
    customerNumber: '13800000000',
    variables: [],
    backupNumbers: [],
    customerAnswerTimeoutMs: 30_000,
    wrapupSeconds: 0,
    held: false,
    muted: { in: false, out: false },
    declinedBy: [],
    cdrIsAsr: 0,
    legs: [],
    createdAt: 1,
    ...fields,
  };
}
