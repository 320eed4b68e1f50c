/** GET /api/v1/tenants/{tenantId}/agents: every agent of the tenant with its live state. */
import type { AgentPresence, AgentPresenceList } from '@agentsdk/protocol';
import type { TenantApiAccess } from './call-records.js';
import { requestJson } from './http-json.js';

export async function fetchAgentPresence(access: TenantApiAccess): Promise<AgentPresence[]> {
  const list = await requestJson<AgentPresenceList>(`/api/v1/tenants/${encodeURIComponent(access.tenantId)}/agents`, {
    apiKey: access.apiKey,
  });
  return list.agents;
}
