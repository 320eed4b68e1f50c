/** The server-to-server session key API: issue, authenticate, validate, revoke. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

describe('session key API', () => {
  it('issues a random key with its expiry for an agent of the tenant', async () => {
    const before = Date.now();
    const { status, body } = await gateway.api('POST', '/api/v1/tenants/demo/session-keys', { agentNo: '1001', ttlSeconds: 600 });
    expect(status).toBe(201);
    expect(body.sessionKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(expiresAt).toBeLessThan(before + 610_000);
    const second = await gateway.api('POST', '/api/v1/tenants/demo/session-keys', { agentNo: '1001' });
    expect(second.body.sessionKey).not.toBe(body.sessionKey);
  });

  it('refuses a missing or wrong API key and an unknown tenant', async () => {
    expect((await gateway.api('POST', '/api/v1/tenants/demo/session-keys', { agentNo: '1001' }, 'wrong-key')).status).toBe(401);
    expect((await gateway.api('POST', '/api/v1/tenants/demo/session-keys', { agentNo: '1001' }, '')).status).toBe(401);
    expect((await gateway.api('POST', '/api/v1/tenants/nope/session-keys', { agentNo: '1001' })).status).toBe(401);
  });

  it('names the field of a bad request', async () => {
    const missing = await gateway.api('POST', '/api/v1/tenants/demo/session-keys', {});
    expect(missing).toEqual({ status: 400, body: { error: { code: 'bad_request', message: 'agentNo is required' } } });
    const ttl = await gateway.api('POST', '/api/v1/tenants/demo/session-keys', { agentNo: '1001', ttlSeconds: 5 });
    expect(ttl.status).toBe(400);
    expect(ttl.body.error.message).toContain('ttlSeconds must be between 60');
    const unknownAgent = await gateway.api('POST', '/api/v1/tenants/demo/session-keys', { agentNo: '9999' });
    expect(unknownAgent).toEqual({ status: 404, body: { error: { code: 'no_such_agent', message: 'no such agent: 9999' } } });
  });

  it('revokes a key once', async () => {
    const key = await gateway.issueKey('1002');
    const path = `/api/v1/tenants/demo/session-keys/${key}`;
    expect(await gateway.api('DELETE', path)).toEqual({ status: 200, body: { revoked: true, endedSessions: 0 } });
    expect((await gateway.api('DELETE', path)).status).toBe(404);
  });

  it('answers health and metrics', async () => {
    expect((await gateway.api('GET', '/healthz')).body).toMatchObject({ status: 'ok' });
    const metrics = await fetch(`${gateway.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('agent_gateway_sessions');
    expect(metrics).toContain('agent_gateway_operations_total');
  });
});

describe('HTTP API bodies and errors', () => {
  it('accepts an empty JSON body, and answers bad JSON and unknown routes in the error shape', async () => {
    const key = await gateway.issueKey('1003');
    const empty = await fetch(`${gateway.url}/api/v1/tenants/demo/session-keys/${key}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(200);
    const bad = await fetch(`${gateway.url}/api/v1/tenants/demo/session-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
      body: '{"agentNo":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'bad_request', message: 'the body is not valid JSON' } });
    const missing = await gateway.api('GET', '/api/v1/nothing-here');
    expect(missing).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'no route GET /api/v1/nothing-here' } } });
  });
});

describe('GET /api/v1/demo', () => {
  it('hands the demo directory to the console in embedded mode only', async () => {
    const demo = await gateway.api('GET', '/api/v1/demo', undefined, '');
    expect(demo.body).toMatchObject({ embedded: true, tenantId: 'demo', apiKey: DEMO_API_KEY });
    const production = await startTestGateway({ embedded: false });
    try {
      expect(await production.api('GET', '/api/v1/demo', undefined, '')).toEqual({ status: 200, body: { embedded: false } });
      expect((await production.api('POST', '/api/v1/tenants/demo/sim/inbound', { queueNo: '0', from: '13800138000' })).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});
