/** GET /api/v1/tenants/{tenantId}/agents: every agent of the tenant with its live state, for colleague pickers. */
import type { QueueAgentStatus } from '../types.js';

/** One agent's presence: the same shape as getQueueStatus `agentStatuses` rows. */
export type AgentPresence = QueueAgentStatus;

export interface AgentPresenceList {
  agents: AgentPresence[];
}
