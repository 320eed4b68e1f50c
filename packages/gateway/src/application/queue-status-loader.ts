/** Reads what queue status is computed from (domain/queue-status.ts): the tenant's agents, calls in progress and today's ended calls. */
import type { QueueStatusMap } from '@agentsdk/protocol';
import type { CallRecord } from '../domain/call.js';
import { queueStatusOf, startOfUtcDay, type QueueStatusSection } from '../domain/queue-status.js';
import type { TenantConfig } from '../domain/tenant.js';
import type { Clock } from '../ports/clock.js';
import type { CallStore, Store } from '../ports/store.js';

const ENDED_CALLS_PAGE = 500;

export async function loadQueueStatus(
  services: { store: Store; clock: Clock },
  tenant: TenantConfig,
  queueNos: readonly string[],
  sections: readonly QueueStatusSection[],
): Promise<QueueStatusMap> {
  const now = services.clock.now();
  const { agents, calls } = services.store;
  // Only queueParams counts today's calls, the one read that grows with the day.
  const [agentRecords, activeCalls, endedToday] = await Promise.all([
    agents.list(tenant.tenantId),
    calls.listActive(tenant.tenantId),
    sections.includes('queueParams') ? endedSince(calls, tenant.tenantId, startOfUtcDay(now)) : [],
  ]);
  return queueStatusOf({ tenant, agents: agentRecords, activeCalls, endedToday, now }, queueNos, sections);
}

async function endedSince(calls: CallStore, tenantId: string, from: number): Promise<CallRecord[]> {
  const ended: CallRecord[] = [];
  for (;;) {
    const last = ended.at(-1);
    const before = last ? { endedAt: last.endedAt ?? from, callId: last.callId } : undefined;
    const page = await calls.listEnded({ tenantId, from, limit: ENDED_CALLS_PAGE, ...(before ? { before } : {}) });
    ended.push(...page);
    if (page.length < ENDED_CALLS_PAGE) return ended;
  }
}
