/**
 * Recordings' metadata with DATABASE_URL: a call recorded on node A (a customer on a SIP phone, an agent on a desk
 * phone) keeps in its record which node holds the file and how long it is; PostgreSQL has it, node A serves the file,
 * and node B, reading the same records, names the node that keeps it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const dataDirs = [temporaryDataDir(), temporaryDataDir()];
let database: TestDatabase;
let nodeA: TestGateway;
let nodeB: TestGateway;
beforeAll(async () => {
  database = await createTestDatabase();
  const tenants = [await sipTenant({ carrierPort: 9 })];
  nodeA = await startTestGateway({
    nodeId: 'node-a',
    dataDir: dataDirs[0]!.path,
    databaseUrl: database.url,
    tenants,
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
  });
  nodeB = await startTestGateway({ nodeId: 'node-b', dataDir: dataDirs[1]!.path, databaseUrl: database.url, tenants });
});
afterEach(async () => {
  closeClients();
  await releasePhones();
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await database?.drop();
  for (const dir of dataDirs) dir.remove();
});

describe('recordings with the call records in PostgreSQL', () => {
  it('keeps where a recording is and how long it is; another node names the node that keeps it', async () => {
    const sipPort = nodeA.sip!.address.port;
    await registeredDeskPhone(sipPort, '8001', 440);
    const agent = await signIn(nodeA, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const customer = await Baresip.start({ user: '13800138041', toneHz: 1000 });
    await customer.dial(`sip:02088880000@127.0.0.1:${sipPort}`);
    const { callId } = await agent.log.waitFor('callBridged', () => true, 0, 10_000);
    await sleep(2_000);
    await customer.hangup();
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId, 0, 10_000);

    const file = join(dataDirs[0]!.path, 'recordings', 'demo', `${callId}.wav`);
    const kept = async () =>
      (
        await database.query<{ recording: unknown }>(`SELECT record->'recording' AS recording FROM call_records WHERE call_id = $1`, [
          callId,
        ])
      )[0]?.recording;
    await expect.poll(kept, { timeout: 10_000 }).toEqual({ nodeId: 'node-a', bytes: statSync(file).size, durationMs: expect.any(Number) });
    expect(((await kept()) as { durationMs: number }).durationMs).toBeGreaterThan(1_500);

    expect((await nodeA.api('GET', `/api/v1/tenants/demo/cdrs/${callId}`)).status).toBe(200);
    const fromB = await nodeB.api('GET', `/api/v1/tenants/demo/cdrs/${callId}`);
    expect(fromB.status).toBe(200);
    expect(fromB.body.callId).toBe(callId);
    const recordingOn = (node: TestGateway) =>
      fetch(`${node.url}/api/v1/tenants/demo/cdrs/${callId}/recording`, { headers: { authorization: 'Bearer demo-api-key' } });
    expect((await recordingOn(nodeA)).status).toBe(200);
    const elsewhere = await recordingOn(nodeB);
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { error: { message: string } }).error.message).toBe(
      `the recording of call ${callId} is kept on node node-a`,
    );
  });
});
