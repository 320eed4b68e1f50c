/**
 * Two gateway nodes on one Redis count one limit: a tenant's API calls, an agent's sign-in attempts and a client
 * address's open sockets are refused past the limit whichever node they reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openRedisLimits } from '@agentsdk/gateway';
import { openRawSocket, type RawSocket } from './helpers/raw-socket.js';
import { TEST_REDIS_URL } from './helpers/redis.js';
import { redisNodes } from './helpers/redis-nodes.js';
import type { TestGateway } from './helpers/test-gateway.js';

const cluster = await redisNodes();
const { redis, prefix } = cluster;
const sockets: RawSocket[] = [];
let nodeA: TestGateway;
let nodeB: TestGateway;

/** Bursts that do not refill while the test runs. */
const SLOW = { perSecond: 0.001, burst: 4 };

async function startNode(): Promise<TestGateway> {
  return cluster.start({
    limits: openRedisLimits(redis!, prefix),
    rateLimits: { tenantApiRequests: SLOW, signInsPerAgent: { perSecond: 0.001, burst: 2 } },
    maxConnectionsPerAddress: 3,
  });
}

beforeAll(async () => {
  if (!redis) return;
  nodeA = await startNode();
  nodeB = await startNode();
});
afterAll(async () => {
  if (!redis) return;
  for (const socket of sockets) socket.close();
  await cluster.close();
});

/** The HTTP status that refused a WebSocket upgrade, or 'open'. */
function upgradeStatus(node: TestGateway): Promise<'open' | number> {
  const socket = new WebSocket(`${node.url.replace(/^http/, 'ws')}/ws?v=1`);
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
  });
}

describe.skipIf(!redis)(`limits shared by two nodes${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`, () => {
  it("counts a tenant's API calls on both nodes against one burst", async () => {
    const statuses: number[] = [];
    for (const node of [nodeA, nodeB, nodeA, nodeB, nodeA, nodeB])
      statuses.push((await node.api('GET', '/api/v1/tenants/demo/cdrs?limit=1')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("counts an agent's sign-in attempts on both nodes together", async () => {
    const attempt = async (node: TestGateway) => {
      const socket = await openRawSocket(node.url);
      sockets.push(socket);
      const response = await socket.request('login', {
        sessionKey: 'not-a-key',
        tenantId: 'demo',
        agentNo: '1004',
        bindEndpoint: { endpointType: 1, endpoint: '13600001004' },
        initialStatus: 1,
      });
      socket.close();
      return response.message as string;
    };
    const messages = [await attempt(nodeA), await attempt(nodeB), await attempt(nodeA)];
    expect(messages[2]).toBe('rate limited: too many sign-in attempts for this agent; wait a moment');
    expect(messages.slice(0, 2).every((message) => !message.startsWith('rate limited'))).toBe(true);
  });

  it('caps the open sockets of one client address over both nodes', async () => {
    await expect.poll(async () => Number(await redis!.hlen(`${prefix}connections:127.0.0.1`))).toBe(0);
    const held = [await openRawSocket(nodeA.url), await openRawSocket(nodeB.url), await openRawSocket(nodeB.url)];
    sockets.push(...held);
    await expect.poll(() => upgradeStatus(nodeA)).toBe(429);
    held[1]!.close();
    await held[1]!.closed;
    await expect.poll(() => upgradeStatus(nodeA)).toBe('open');
  });
});
