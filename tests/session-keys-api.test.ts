/** The server-to-server session key API: issue, authenticate, validate, revoke. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

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
