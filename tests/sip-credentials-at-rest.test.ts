/**
 * SIP passwords from the tenant file are kept no more readably than digest needs: a desk phone's password becomes its
 * HA1 (realm agentsdk) as the file is read, and so does a trunk's when the file names the carrier's `realm`. Neither
 * password reaches the tenants table; the desk phone still registers with its password, and the gateway still
 * answers the carrier's challenge in that realm.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_FILE, loadTenantConfigFile, type TenantConfig } from '@agentsdk/gateway';
import { formatResponse, header, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { parseDigest } from '../packages/gateway/src/adapters/webrtc-edge/sip-headers.js';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones } from './helpers/baresip.js';
import { isRequest, SipSocket } from './helpers/sip-socket.js';
import { startTestGateway, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const DESK_PASSWORD = 'desk-8001-password-at-rest';
const TRUNK_PASSWORD = 'carrier-password-at-rest';
const REALM = 'carrier.test';

const dataDir = temporaryDataDir();
let carrier: SipSocket;
let tenant: TenantConfig;
let gateway: TestGateway;

async function tenantFrom(changes: Record<string, unknown>): Promise<TenantConfig[]> {
  const file = join(dataDir.path, `tenant-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(DEMO_TENANT_FILE, 'utf8')), ...changes }));
  return loadTenantConfigFile(file, {});
}

beforeAll(async () => {
  carrier = await SipSocket.open();
  [tenant] = (await tenantFrom({
    deskPhones: [{ extension: '8001', password: DESK_PASSWORD }],
    trunks: [
      {
        name: 'carrier-a',
        host: '127.0.0.1',
        port: carrier.port,
        username: 'tenant-demo',
        password: TRUNK_PASSWORD,
        realm: REALM,
        inboundFrom: ['127.0.0.1'],
      },
    ],
  })) as [TenantConfig];
  gateway = await startTestGateway({ tenants: [tenant], dataDir: dataDir.path, sipPort: 0, rtpPorts: gatewayRtpPorts() });
});
afterEach(async () => {
  closeClients();
  await releasePhones();
});
afterAll(async () => {
  carrier.close();
  await gateway.close();
  dataDir.remove();
});

describe('SIP credentials at rest', () => {
  it('keeps the HA1 of desk phone and realm-named trunk passwords, never the passwords', () => {
    expect(tenant.deskPhones[0]).toEqual({ extension: '8001', ha1: md5(`demo-8001:agentsdk:${DESK_PASSWORD}`) });
    expect(tenant.trunks[0]).not.toHaveProperty('password');
    expect(tenant.trunks[0]!.ha1).toBe(md5(`tenant-demo:${REALM}:${TRUNK_PASSWORD}`));
  });

  it('keeps a trunk password without a realm as given: the carrier names its realm only in its challenge', async () => {
    const [withoutRealm] = await tenantFrom({
      trunks: [{ name: 'carrier-b', host: '127.0.0.1', username: 'tenant-demo', password: TRUNK_PASSWORD }],
    });
    expect(withoutRealm!.trunks[0]).toMatchObject({ password: TRUNK_PASSWORD });
    expect(withoutRealm!.trunks[0]).not.toHaveProperty('ha1');
  });

  it('refuses a desk phone with neither a password nor its HA1, or with both', async () => {
    await expect(tenantFrom({ deskPhones: [{ extension: '8001' }] })).rejects.toThrow(
      /deskPhones: give a password or its ha1, one of the two/,
    );
    await expect(tenantFrom({ deskPhones: [{ extension: '8001', password: DESK_PASSWORD, ha1: md5('x') }] })).rejects.toThrow(
      /one of the two/,
    );
  });

  it('registers the desk phone with its password, checked against the HA1', async () => {
    const phone = await Baresip.start({
      user: '8001',
      toneHz: 440,
      registrar: `127.0.0.1:${gateway.sip!.address.port}`,
      accountParams: `auth_user=demo-8001;auth_pass=${DESK_PASSWORD};regint=600;answermode=auto`,
    });
    await phone.registered();
  });

  it("answers the carrier's challenge in the named realm from the HA1", async () => {
    const sipPort = gateway.sip!.address.port;
    const agent = await signIn(gateway, '1001');
    expect(await agent.sdk.previewObCall({ customerNumber: '13900000001', obClid: '02188880000' })).toMatchObject({ code: 0 });
    const invite = (await carrier.next(isRequest('INVITE'), 0, 10_000)).message as SipRequest;
    const mark = carrier.received.length;
    carrier.send(
      formatResponse(
        invite,
        401,
        'Unauthorized',
        [['WWW-Authenticate', `Digest realm="${REALM}", nonce="bm9uY2U", algorithm=MD5`]],
        '',
        'c1',
      ),
      sipPort,
    );
    const second = (await carrier.next((m) => isRequest('INVITE')(m) && header(m, 'authorization') !== undefined, mark))
      .message as SipRequest;
    const digest = parseDigest(header(second, 'authorization')!)!;
    const ha1 = md5(`tenant-demo:${REALM}:${TRUNK_PASSWORD}`);
    expect(digest.response).toBe(md5(`${ha1}:bm9uY2U:${md5(`INVITE:${digest.uri}`)}`));
    carrier.send(formatResponse(second, 603, 'Decline', [], '', 'c2'), sipPort);
    await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
  });

  it('stores neither password in the tenants table', async () => {
    // The file as it rests on disk (the gateway holds it exclusively while it runs).
    await gateway.close();
    const db = new Database(join(dataDir.path, 'agent-gateway.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const stored = (db.prepare('SELECT config FROM tenants').all() as { config: string }[]).map((row) => row.config).join('\n');
      expect(stored).toContain(tenant.deskPhones[0]!.ha1);
      expect(stored).not.toContain(DESK_PASSWORD);
      expect(stored).not.toContain(TRUNK_PASSWORD);
    } finally {
      db.close();
    }
  });
});
