/**
 * Browser-facing protections: the origin allow-list for WebSocket upgrades and CORS, and the security headers of the
 * console and the API (CSP, nosniff, no referrer, no framing unless allowed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const CRM = 'https://crm.example.com';
const EVIL = 'https://evil.example';

let listed: TestGateway;
let embeddedDefault: TestGateway;
let production: TestGateway;
beforeAll(async () => {
  listed = await startTestGateway({ allowedOrigins: [CRM], frameAncestors: [CRM] });
  embeddedDefault = await startTestGateway();
  production = await startTestGateway({ embedded: false });
});
afterAll(async () => {
  await Promise.all([listed.close(), embeddedDefault.close(), production.close()]);
});

/** Opens a WebSocket as a page of `origin` would: 'open', or the HTTP status that refused the upgrade. */
function upgrade(gateway: TestGateway, origin?: string, host?: string): Promise<'open' | number> {
  const socket = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/ws?v=1`, {
    ...(origin !== undefined && { origin }),
    ...(host !== undefined && { headers: { host } }),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!error.message.includes('Unexpected server response')) reject(error);
    });
  });
}

const preflight = (gateway: TestGateway, origin: string) =>
  fetch(`${gateway.url}/api/v1/tenants/demo/session-keys`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('origin allow-list', () => {
  it('refuses a WebSocket upgrade from a page of another origin with 403', async () => {
    expect(await upgrade(listed, EVIL)).toBe(403);
    expect(await upgrade(listed, 'null')).toBe(403);
    expect(await upgrade(listed, CRM)).toBe('open');
    expect(await upgrade(listed, listed.url)).toBe('open'); // the console, served by the gateway itself
    expect(await upgrade(listed, undefined)).toBe('open'); // not a browser page: servers, Node SDK
  });

  it('answers CORS only for allowed origins', async () => {
    const allowed = await preflight(listed, CRM);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(CRM);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    const refused = await preflight(listed, EVIL);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${listed.url}/healthz`, { headers: { origin: EVIL } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows any origin in embedded mode without a list, and only its own origin otherwise', async () => {
    expect(await upgrade(embeddedDefault, EVIL)).toBe('open');
    expect((await preflight(embeddedDefault, EVIL)).headers.get('access-control-allow-origin')).toBe(EVIL);
    expect(await upgrade(production, EVIL)).toBe(403);
    expect(await upgrade(production, production.url)).toBe('open');
    expect((await preflight(production, EVIL)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe("the gateway's own origin", () => {
  it('is its public URL, scheme included, never what the Host header claims', async () => {
    expect(await upgrade(production, 'http://evil.example', 'evil.example')).toBe(403);
    expect(await upgrade(production, production.url.replace('http:', 'https:'))).toBe(403);
    expect(await upgrade(production, production.url.replace('127.0.0.1', 'localhost'))).toBe('open');
    const proxied = await startTestGateway({ embedded: false, publicUrl: 'https://agents.example.com/' });
    try {
      expect(await upgrade(proxied, 'https://agents.example.com')).toBe('open');
      expect(await upgrade(proxied, 'http://agents.example.com')).toBe(403);
      expect(await upgrade(proxied, 'https://agents.example.com', 'evil.example')).toBe('open');
    } finally {
      await proxied.close();
    }
  });
});

describe('HTTP errors', () => {
  const errorOf = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string } },
  });

  it('answers what Fastify and Node refuse before routing in the one error shape', async () => {
    const longNumber = '1'.repeat(300);
    const tooLong = await errorOf(await fetch(`${embeddedDefault.url}/api/v1/tenants/demo/sim/numbers/${longNumber}`, { method: 'PUT' }));
    expect(tooLong).toEqual({ status: 414, body: { error: { code: 'uri_too_long', message: 'a path segment is too long' } } });
    expect(await errorOf(await fetch(`${production.url}/%zz`))).toEqual({
      status: 400,
      body: { error: { code: 'bad_request', message: 'the URL is malformed' } },
    });
    const hugeHeaders = await errorOf(await fetch(`${production.url}/healthz`, { headers: { 'x-filler': 'x'.repeat(20_000) } }));
    expect(hugeHeaders).toMatchObject({ status: 431, body: { error: { code: 'headers_too_large' } } });
  });

  it('closes the connection of a request it refused before routing, so its shutdown does not wait for the client', async () => {
    const gateway = await startTestGateway({ embedded: false });
    const socket = connect({ host: '127.0.0.1', port: gateway.port, allowHalfOpen: true });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    const answered = new Promise((resolve) => socket.once('end', resolve));
    socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'x'.repeat(20_000)}\r\n\r\n`);
    await answered;
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    // The client never ends its side of the connection; the gateway's close must not wait for it.
    await gateway.close();
    socket.destroy();
  });

  it('never echoes a refused body or URL back, and names a prototype key for what it is', async () => {
    const secret = 'this-body-is-private-'.repeat(20);
    const headers = { authorization: 'Bearer demo-api-key' };
    const plain = await errorOf(
      await fetch(`${production.url}/api/v1/tenants/demo/session-keys`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain' },
        body: secret,
      }),
    );
    expect(plain.status).toBe(400);
    expect(plain.body.error.message).not.toContain('private');
    const poisoned = await errorOf(
      await fetch(`${production.url}/api/v1/tenants/demo/session-keys`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"agentNo":"1001","__proto__":{"admin":true}}',
      }),
    );
    expect(poisoned).toEqual({
      status: 400,
      body: { error: { code: 'bad_request', message: 'the body must not contain a "__proto__" or "constructor.prototype" key' } },
    });
    const unknown = await errorOf(await fetch(`${production.url}/${'a'.repeat(5_000)}`));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message.length).toBeLessThan(120);
  });
});

describe('security headers', () => {
  it('gives the console a CSP fitted to it and forbids framing by default', async () => {
    const response = await fetch(`${embeddedDefault.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'self' ws: wss:",
      "media-src 'self' blob:",
      "img-src 'self' data:",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp.split(';')).toContain(directive);
    }
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('puts the same headers on API answers, errors included', async () => {
    for (const path of ['/healthz', '/api/v1/tenants/demo/cdrs', '/no/such/route']) {
      const response = await fetch(`${embeddedDefault.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'");
    }
  });

  it('lets CRM pages of any origin load the script-tag SDK', async () => {
    const response = await fetch(`${listed.url}/sdk/agent-sdk.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${listed.url}/`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('lets the configured origins frame the console', async () => {
    const response = await fetch(`${listed.url}/`);
    expect(response.headers.get('content-security-policy')).toContain(`frame-ancestors ${CRM}`);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });
});
