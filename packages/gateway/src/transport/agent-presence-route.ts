/** GET /api/v1/tenants/{tenantId}/agents: every agent of the tenant with its live state (tenant API key), for colleague pickers. */
import type { AgentPresenceList } from '@agentsdk/protocol';
import type { FastifyInstance } from 'fastify';
import { offlineAgent } from '../domain/agent.js';
import { agentStatusOf } from '../domain/queue-status.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import type { Clock } from '../ports/clock.js';
import type { AgentStore } from '../ports/store.js';
import { authorizeTenant } from './tenant-auth.js';

export function registerAgentPresenceRoute(app: FastifyInstance, tenants: TenantDirectory, agents: AgentStore, clock: Clock): void {
  app.get<{ Params: { tenantId: string } }>('/api/v1/tenants/:tenantId/agents', async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const records = new Map((await agents.list(tenant.tenantId)).map((record) => [record.agentNo, record]));
    const now = clock.now();
    const presence: AgentPresenceList = {
      agents: tenant.agents.map((agent) => agentStatusOf(records.get(agent.agentNo) ?? offlineAgent(tenant.tenantId, agent.agentNo, now))),
    };
    return presence;
  });
}
