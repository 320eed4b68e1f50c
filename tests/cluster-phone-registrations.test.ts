/**
 * Where a cluster's phones are registered (docs/multi-node.md): each node records in the shared store the phones that
 * register with it and its own SIP address, forgets a phone that unregisters, and its phones leave the store with it
 * (a clean stop) or with its lapsed lease (a node lost). Nodes in this process on one Redis.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRtpPorts, releasePhones } from './helpers/baresip.js';
import { TEST_REDIS_URL } from './helpers/redis.js';
import { redisNodes } from './helpers/redis-nodes.js';
import { registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
import type { TestGateway } from './helpers/test-gateway.js';

const cluster = await redisNodes();
const { redis } = cluster;
let nodeA: TestGateway;
let nodeB: TestGateway;

async function startNode(): Promise<TestGateway> {
  return cluster.start({
    tenants: [await sipTenant({ carrierPort: 9 })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
    clusterSecret: 'registrations-test-secret',
    leaseRenewMs: 200,
    leaseLapseMs: 1_000,
  });
}

beforeAll(async () => {
  if (!redis) return;
  nodeA = await startNode();
  nodeB = await startNode();
});
afterEach(releasePhones);
afterAll(async () => {
  await cluster.close();
});

/** The registration of a demo extension as any node reads it from the store. */
const registrationOf = (extension: string) => nodeA.services.store.phoneRegistrations.find('demo', 'extension', extension, Date.now());

describe.skipIf(!redis)(`phone registrations in a cluster${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`, () => {
  it('records a desk phone with the node it registered with, and forgets it when it unregisters', async () => {
    const phone = await registeredDeskPhone(nodeB.sip!.address.port, '8001', 440);
    await expect
      .poll(() => registrationOf('8001'))
      .toMatchObject({
        tenantId: 'demo',
        kind: 'extension',
        address: '8001',
        ownerId: nodeB.services.ownerId,
        sipAddress: `127.0.0.1:${nodeB.sip!.address.port}`,
      });
    expect((await registrationOf('8001'))!.expiresAt).toBeGreaterThan(Date.now() + 500_000);
    await phone.stop();
    await expect.poll(() => registrationOf('8001')).toBeUndefined();
  });

  it("forgets a lost node's phones once its lease lapsed", async () => {
    const lostNode = 'a-node-that-died';
    await nodeA.services.store.leases.renew(lostNode, Date.now());
    await nodeA.services.store.phoneRegistrations.put({
      tenantId: 'demo',
      kind: 'softphone',
      address: '1001',
      ownerId: lostNode,
      sipAddress: '127.0.0.1:9',
      expiresAt: Date.now() + 600_000,
    });
    await expect
      .poll(() => nodeA.services.store.phoneRegistrations.find('demo', 'softphone', '1001', Date.now()), { timeout: 5_000 })
      .toBeUndefined();
  });

  it('takes its phones away with a node that stops', async () => {
    const nodeC = await startNode();
    await registeredDeskPhone(nodeC.sip!.address.port, '8002', 440);
    await expect.poll(() => registrationOf('8002')).toMatchObject({ ownerId: nodeC.services.ownerId });
    await nodeC.close();
    expect(await registrationOf('8002')).toBeUndefined();
  });
});
