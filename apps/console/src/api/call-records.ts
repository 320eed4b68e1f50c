/** GET /api/v1/tenants/{tenantId}/cdrs: the agent's most recent calls, newest first. */
import type { ChannelVariable } from '@agentsdk/sdk';
import { requestJson } from './http-json.js';

export interface CallRecord {
  callId: string;
  callType: number;
  queueNo?: string;
  customerNumber: string;
  callerId?: string;
  agentNo?: string;
  calleeAgentNo?: string;
  createdAt?: string;
  answeredAt?: string;
  endedAt?: string;
  talkSeconds: number;
  outcome?: string;
  hangupSide?: 'agent' | 'customer' | 'system';
  chanVariables: ChannelVariable[];
  /** Every agent who handled the call, with the times its legs were up. */
  agents?: { agentNo: string; segments: { from?: string; to?: string }[] }[];
  dispositions?: { agentNo: string; code: string; notes?: string; at: string }[];
}

export interface TenantApiAccess {
  tenantId: string;
  apiKey: string;
}

export async function fetchRecentCalls(access: TenantApiAccess, agentNo: string, limit = 10): Promise<CallRecord[]> {
  const query = new URLSearchParams({ agentNo, limit: String(limit) });
  const page = await requestJson<{ records: CallRecord[] }>(`/api/v1/tenants/${encodeURIComponent(access.tenantId)}/cdrs?${query}`, {
    apiKey: access.apiKey,
  });
  return page.records;
}
