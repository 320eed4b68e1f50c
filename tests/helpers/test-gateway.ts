/** Starts a real gateway on a loopback port for one test file, and issues session keys through its HTTP API. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type Gateway, type GatewayOptions } from '@agentsdk/gateway';

export const DEMO_API_KEY = 'demo-api-key';

/** For files that fire many requests in a burst to test something else; rate-limits.test.ts tests the defaults. */
export const RELAXED_RATE_LIMITS: GatewayOptions['rateLimits'] = {
  sessionRequests: { perSecond: 10_000, burst: 10_000 },
  tenantApiRequests: { perSecond: 10_000, burst: 10_000 },
  signInsPerAddress: { perSecond: 10_000, burst: 10_000 },
  signInsPerAgent: { perSecond: 10_000, burst: 10_000 },
};

/** What tests reach a gateway through: its URL and HTTP API, in this process or another. */
export interface GatewayApi {
  url: string;
  issueKey(agentNo: string, ttlSeconds?: number, tenantId?: string): Promise<string>;
  api(method: string, path: string, body?: unknown, apiKey?: string): Promise<{ status: number; body: any }>;
}

export interface TestGateway extends Gateway, GatewayApi {}

export async function startTestGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  const gateway = await startGateway({ port: 0, logLevel: 'silent', ...options });
  return Object.assign(gateway, gatewayApiAt(gateway.url));
}

/** The HTTP API of the gateway at `url`, with the demo tenant's key. */
export function gatewayApiAt(url: string): GatewayApi {
  const api: GatewayApi['api'] = async (method, path, body, apiKey = DEMO_API_KEY) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    url,
    api,
    async issueKey(agentNo: string, ttlSeconds = 3600, tenantId = 'demo') {
      const { status, body } = await api('POST', `/api/v1/tenants/${tenantId}/session-keys`, { agentNo, ttlSeconds });
      if (status !== 201) throw new Error(`issuing a key for ${agentNo} failed: ${status} ${JSON.stringify(body)}`);
      return body.sessionKey as string;
    },
  };
}

/** A data directory that lives as long as the test file. */
export function temporaryDataDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'agent-gateway-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
