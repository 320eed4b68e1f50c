/**
 * Token buckets on the gateway's clock: each session may make 20 requests a second with bursts of 40, each tenant 50
 * HTTP API calls a second with bursts of 100. Past that: `code: -1`, errorCode 30011, or HTTP 429.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@agentsdk/gateway';
import { closeClients, signIn } from './helpers/agent-client.js';
import { metricValue } from './helpers/metrics.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  gateway = await startTestGateway({
    clock,
    tenants: [await demoTenant(), await demoTenant({ tenantId: 'acme', apiKey: 'acme-api-key' })],
  });
});
afterEach(closeClients);
afterAll(() => gateway.close());

const burstOf = (count: number, request: () => Promise<any>) => Promise.all(Array.from({ length: count }, request));

describe('per-session rate limit', () => {
  it('answers requests beyond a burst of 40 with RATE_LIMITED until the bucket refills at 20 a second', async () => {
    const agent = await signIn(gateway, '1001');
    const other = await signIn(gateway, '1002');

    const first = await burstOf(41, () => agent.sdk.hold());
    expect(first.slice(0, 40).map((response) => response.errorCode)).toEqual(Array(40).fill(30014)); // no call: run and refused
    expect(first[40]).toMatchObject({
      action: 'holdResp',
      code: -1,
      errorCode: 30011,
      message: 'rate limited: at most 20 requests a second (bursts of 40) per session',
    });
    expect(agent.log.of('holdResp').at(-1)).toMatchObject({ errorCode: 30011 });
    // Another session has its own bucket.
    expect(await other.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' })).toMatchObject({ code: 0 });

    clock.advance(1_000);
    const second = await burstOf(21, () => agent.sdk.hold());
    expect(second.map((response) => response.errorCode)).toEqual([...Array(20).fill(30014), 30011]);
    expect(await metricValue(gateway, 'agent_gateway_rate_limited_total', { scope: 'session' })).toBe(2);
  });
});

describe('per-tenant HTTP API rate limit', () => {
  it('answers 429 beyond a burst of 100 for the tenant, without touching other tenants or unauthenticated calls', async () => {
    const path = '/api/v1/tenants/demo/cdrs?limit=1';
    const burst = await burstOf(101, () => gateway.api('GET', path));
    expect(burst.filter((response) => response.status === 200)).toHaveLength(100);
    const refused = burst.find((response) => response.status === 429);
    expect(refused?.body).toEqual({
      error: { code: 'rate_limited', message: 'rate limited: at most 50 requests a second (bursts of 100) per tenant' },
    });
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: 'Bearer demo-api-key' } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');

    // A wrong key is refused as such and spends nothing; another tenant has its own bucket.
    expect((await gateway.api('GET', path, undefined, 'wrong-key')).status).toBe(401);
    expect((await gateway.api('GET', '/api/v1/tenants/acme/cdrs?limit=1', undefined, 'acme-api-key')).status).toBe(200);

    clock.advance(200); // 10 tokens
    const refilled = await burstOf(11, () => gateway.api('GET', path));
    expect(refilled.map((r) => r.status).sort()).toEqual([...Array(10).fill(200), 429]);
    expect(await metricValue(gateway, 'agent_gateway_rate_limited_total', { scope: 'tenantApi' })).toBe(3);
  });
});

describe('configured limits', () => {
  it('uses the limits given to startGateway', async () => {
    const strict = await startTestGateway({ clock, rateLimits: { sessionRequests: { perSecond: 1, burst: 2 } } });
    try {
      const agent = await signIn(strict, '1003');
      const responses = await burstOf(3, () => agent.sdk.hold());
      expect(responses.map((response) => response.errorCode)).toEqual([30014, 30014, 30011]);
    } finally {
      await strict.close();
    }
  });
});
