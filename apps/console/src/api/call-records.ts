/** GET /api/v1/tenants/{tenantId}/cdrs: the agent's most recent calls, newest first; a call's recording as audio. */
import type { CallRecordPage, CallRecordView } from '@agentsdk/protocol';
import { GatewayHttpError, requestJson } from './http-json.js';

export interface TenantApiAccess {
  tenantId: string;
  apiKey: string;
}

export async function fetchRecentCalls(access: TenantApiAccess, agentNo: string, limit = 10): Promise<CallRecordView[]> {
  const query = new URLSearchParams({ agentNo, limit: String(limit) });
  const page = await requestJson<CallRecordPage>(`/api/v1/tenants/${encodeURIComponent(access.tenantId)}/cdrs?${query}`, {
    apiKey: access.apiKey,
  });
  return page.records;
}

/**
 * The recording at a record's `recordingUrl`, as an object URL an audio element can play. The API needs the tenant key
 * in a header, which an audio element cannot send, so the file is fetched first; revoke the URL when done.
 */
export async function fetchRecording(access: TenantApiAccess, recordingUrl: string): Promise<string> {
  const response = await fetch(recordingUrl, { headers: { authorization: `Bearer ${access.apiKey}` } });
  if (!response.ok)
    throw new GatewayHttpError(response.status, 'http_error', `the recording could not be loaded (HTTP ${response.status})`);
  return URL.createObjectURL(await response.blob());
}
