/** Secrets stay secret: not printed at start, not stored in clear, not logged whatever the case of their name. */
import { Writable } from 'node:stream';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../packages/gateway/src/adapters/logging/pino-logger.js';
import { closeClients, signIn } from './helpers/agent-client.js';
import { spawnGateway } from './helpers/gateway-process.js';
import { startTestGateway, temporaryDataDir } from './helpers/test-gateway.js';

const TENANT_KEY = 'tenant-key-that-must-not-leak';
const dataDir = temporaryDataDir();
afterAll(() => dataDir.remove());

describe('secrets', () => {
  it('never prints the tenant API key in the start-up banner, embedded or not', async () => {
    for (const embedded of ['true', 'false']) {
      const gateway = await spawnGateway({ env: { AGENT_GATEWAY_EMBEDDED: embedded, AGENT_GATEWAY_DEMO_API_KEY: TENANT_KEY } });
      await expect.poll(() => gateway.output()).toContain('Agent Gateway listening on');
      await gateway.stop();
      expect(gateway.output()).not.toContain(TENANT_KEY);
      expect(gateway.output().includes('session-keys')).toBe(embedded === 'true');
    }
  }, 60_000);

  it('stores the tenant API key as a hash, and the SIP HA1 of a softphone session only while it lasts', async () => {
    const gateway = await startTestGateway({ dataDir: dataDir.path });
    let sessionId: string;
    try {
      const softphone = await signIn(gateway, '1003', { bindEndpoint: { endpointType: 3, endpoint: '' } });
      sessionId = softphone.log.of('loginResp')[0].sessionId;
      expect((await gateway.services.store.sessions.get(sessionId))?.sipHa1).toMatch(/^[0-9a-f]{32}$/);
      expect(await softphone.sdk.logout({ logoutMode: 1 })).toMatchObject({ code: 0 });
      await expect.poll(async () => (await gateway.services.store.sessions.get(sessionId))?.endedAt).toBeDefined();
      closeClients();
    } finally {
      await gateway.close();
    }
    // The file as it rests on disk (the gateway holds it exclusively while it runs).
    const db = new Database(join(dataDir.path, 'agent-gateway.sqlite'), { readonly: true });
    try {
      const tenants = (db.prepare('SELECT config FROM tenants').all() as { config: string }[]).map((row) => row.config).join('\n');
      expect(tenants).not.toContain('demo-api-key');
      expect(tenants).toContain('apiKeyHash');
      expect(db.prepare('SELECT sip_ha1 FROM sessions WHERE session_id = ?').get(sessionId)).toEqual({ sip_ha1: null });
    } finally {
      db.close();
    }
  });

  it('redacts secret-named fields at any depth whatever their case', () => {
    let written = '';
    const logger = createLogger(
      'info',
      new Writable({
        write: (chunk, _encoding, done) => {
          written += chunk.toString();
          done();
        },
      }) as never,
    );
    logger.info(
      { params: { SessionKey: 'secret-1', nested: [{ APIKEY: 'secret-2' }], sipPWD: 'secret-3' }, Authorization: 'Bearer secret-4' },
      'request',
    );
    expect(written).toContain('[redacted]');
    expect(written).not.toMatch(/secret-\d/);
    expect(written).toContain('"params"');
  });
});
