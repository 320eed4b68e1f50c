/**
 * What a supervisor may see and act on: the queues it watches in this session (its login `qids`, kept on its agent
 * record) and the agents of its own tenant who answer one of them. The dispatcher applies it to every supervisor row,
 * so no handler checks it again.
 */
import type { AgentRecord } from '../domain/agent.js';
import { answersQueue, findAgent, qidOf, type TenantConfig } from '../domain/tenant.js';
import { failed, type Outcome, type SignedInContext, type SupervisorContext, type WatchedAgentContext } from './operation-context.js';

/** The tenant's queues named by the record's qids, in the tenant's queue order. */
export function watchedQueueNos(tenant: TenantConfig, record: Pick<AgentRecord, 'qids'>): string[] {
  const qids = new Set(record.qids ?? []);
  return tenant.queues.map((queue) => queue.queueNo).filter((queueNo) => qids.has(qidOf(tenant.tenantId, queueNo)));
}

export async function supervisorContext(ctx: SignedInContext): Promise<SupervisorContext> {
  const record = await ctx.services.agents.current(ctx.session.tenantId, ctx.session.agentNo);
  return { ...ctx, watchedQueueNos: watchedQueueNos(ctx.tenant, record) };
}

export type WatchedAgentLookup = { ok: true; context: WatchedAgentContext } | { ok: false; refusal: Outcome };

/**
 * The target must be an agent of the supervisor's tenant. An agent number of another tenant is as unknown here as
 * one of no tenant: telling them apart would reveal other tenants' agents.
 */
export function watchedAgent(ctx: SupervisorContext, agentNo: string): WatchedAgentLookup {
  const target = findAgent(ctx.tenant, agentNo);
  if (!target) return { ok: false, refusal: failed('NO_SUCH_AGENT', 'no such agent') };
  if (!ctx.watchedQueueNos.some((queueNo) => answersQueue(target, queueNo))) {
    return { ok: false, refusal: failed('PERMISSION_DENIED', `permission denied: agent ${agentNo} is not in a queue you supervise`) };
  }
  return { ok: true, context: { ...ctx, target } };
}
