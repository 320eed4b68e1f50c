/**
 * One fixture and one set of answers for listing ended calls, run against both ports that list them: the live store
 * (`Store.calls.listEnded`) and the call records (`CallRecords.list`, PostgreSQL or the live store).
 */
import { expect } from 'vitest';
import type { CallRecord } from '../../packages/gateway/src/domain/call.js';
import type { CallRecordQuery } from '../../packages/gateway/src/ports/store.js';
import { storedCall } from './stored-calls.js';

export const endedCall = (callId: string, endedAt: number, agentNo?: string): CallRecord =>
  storedCall(callId, { phase: 'ended', outcome: 'completed', endedAt, ...(agentNo && { agentNo }) });

/** Tenant t1's ended calls, two of them at the same time. */
export const ENDED_CALLS = [
  endedCall('c1', 10, 'a1'),
  endedCall('c2', 20, 'a2'),
  endedCall('c3', 20, 'a1'),
  endedCall('c4', 30, 'a1'),
  endedCall('c5', 40),
  endedCall('c7', 50, 'a1'),
];
/** Another tenant's call, which no t1 listing may show. */
export const OTHER_TENANT_CALL: CallRecord = { ...endedCall('c8', 25, 'a1'), tenantId: 't2' };

/** What each query of tenant t1 answers once ENDED_CALLS and OTHER_TENANT_CALL are stored. */
export async function expectEndedCallPages(listEnded: (query: CallRecordQuery) => Promise<CallRecord[]>): Promise<void> {
  const list = (query: Partial<CallRecordQuery> = {}) =>
    listEnded({ tenantId: 't1', limit: 10, ...query }).then((calls) => calls.map((call) => call.callId));
  expect(await list()).toEqual(['c7', 'c5', 'c4', 'c3', 'c2', 'c1']);
  expect(await list({ from: 20, to: 40 })).toEqual(['c4', 'c3', 'c2']);
  expect(await list({ agentNo: 'a1' })).toEqual(['c7', 'c4', 'c3', 'c1']);
  expect(await list({ agentNo: 'a1', from: 11, to: 50 })).toEqual(['c4', 'c3']);
  expect(await list({ limit: 2 })).toEqual(['c7', 'c5']);
  expect(await list({ limit: 2, before: { endedAt: 30, callId: 'c4' } })).toEqual(['c3', 'c2']);
  expect(await list({ limit: 2, before: { endedAt: 20, callId: 'c3' } })).toEqual(['c2', 'c1']);
  expect(await list({ limit: 1, agentNo: 'a1', before: { endedAt: 20, callId: 'c3' } })).toEqual(['c1']);
  expect(await list({ to: 40, before: { endedAt: 45, callId: 'x' } })).toEqual(['c4', 'c3', 'c2', 'c1']);
  expect(await list({ agentNo: 'a3' })).toEqual([]);
}
