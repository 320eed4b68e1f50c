/**
 * Ends honestly what a gateway process that is gone owned (docs/03-Core-Concepts-and-Lifecycle.md, "What survives
 * what"): its calls end without their legs, its sessions wait for their clients to resume here or expire. Every step
 * is a compare-and-set on the call or agent, so when several nodes recover the same owner, each thing is done once.
 */
import type { LegsLostReason } from '../domain/call.js';
import type { Logger } from '../ports/logger.js';
import type { GatewayServices } from './operation-context.js';

/** When an owner was last known alive, or undefined when the owner is alive. */
export type LostOwners = (ownerId: string | undefined) => number | undefined;

export async function recoverLostOwners(
  services: GatewayServices,
  lostAt: LostOwners,
  reason: LegsLostReason,
  logger: Logger,
): Promise<void> {
  // Sessions first: the events that end the calls are then kept for the clients that resume.
  await adoptSessions(services, lostAt, reason === 'nodeLost');
  await endCallsOf(services, lostAt, reason, logger);
}

/** Takes over the sessions whose socket a lost owner held: they wait here for a resume, unroutable meanwhile. */
async function adoptSessions(services: GatewayServices, lostAt: LostOwners, eventsLost: boolean): Promise<void> {
  for (const tenant of services.tenants.all()) {
    for (const agent of await services.store.agents.list(tenant.tenantId)) {
      const at = agent.sessionId === undefined ? undefined : lostAt(agent.socketOwnerId);
      if (at === undefined || agent.sessionId === undefined) continue;
      const adopted = await services.agents.executeAndApply(tenant.tenantId, agent.agentNo, {
        type: 'sessionAdopted',
        sessionId: agent.sessionId,
        at,
        by: services.ownerId,
        eventsLost,
      });
      if (!adopted.ok) continue;
      const session = await services.store.sessions.get(agent.sessionId);
      if (session && session.endedAt === undefined) await services.liveSessions.restore(session);
    }
  }
}

/** Ends the calls whose legs a lost owner held, as if their parties had hung up when the owner was last seen. */
export async function endCallsOf(services: GatewayServices, lostAt: LostOwners, reason: LegsLostReason, logger: Logger): Promise<void> {
  for (const tenant of services.tenants.all()) {
    for (const call of await services.store.calls.listActive(tenant.tenantId)) {
      const at = lostAt(call.ownerId);
      if (at === undefined) continue;
      const ended = await services.calls.executeAndApply(call.callId, { type: 'legsLost', reason, at });
      if (ended.ok) logger.warn({ callId: call.callId, ownerId: call.ownerId, reason }, 'call ended: its legs were lost');
    }
  }
}
