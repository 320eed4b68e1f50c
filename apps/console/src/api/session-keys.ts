/**
 * "Demo sign-in": the console plays the customer's server and issues itself a session key with the demo tenant's
 * API key. A real CRM issues keys server to server and never shows the API key to the browser.
 */
import type { IssuedSessionKey } from '@agentsdk/protocol';
import { requestJson } from './http-json.js';

const DEMO_KEY_TTL_SECONDS = 8 * 3600;

export function issueSessionKey(tenantId: string, apiKey: string, agentNo: string): Promise<IssuedSessionKey> {
  return requestJson<IssuedSessionKey>(`/api/v1/tenants/${encodeURIComponent(tenantId)}/session-keys`, {
    method: 'POST',
    apiKey,
    body: { agentNo, ttlSeconds: DEMO_KEY_TTL_SECONDS },
  });
}
