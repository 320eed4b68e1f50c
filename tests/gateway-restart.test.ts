/** The embedded store keeps session keys and sessions: a gateway restarted on the same data directory serves them. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeClients, endpointOf, newClient, signIn } from './helpers/agent-client.js';
import { simulatorApi } from './helpers/simulator.js';
import { startTestGateway, temporaryDataDir } from './helpers/test-gateway.js';

const dataDir = temporaryDataDir();
afterEach(closeClients);
afterAll(() => dataDir.remove());

describe('gateway restart on the same data directory', () => {
  it('accepts an unexpired session key issued before the restart', async () => {
    const first = await startTestGateway({ dataDir: dataDir.path });
    const key = await first.issueKey('1001');
    await first.close();

    const second = await startTestGateway({ dataDir: dataDir.path });
    try {
      const { sdk } = newClient(second);
      const response = await sdk.login({
        tenantId: 'demo',
        agentNo: '1001',
        sessionKey: key,
        bindEndpoint: endpointOf('1001'),
        initialStatus: 1,
      });
      expect(response).toMatchObject({ code: 0 });
    } finally {
      await second.close();
    }
  });

  it('lets a signed-in client resume its session on the restarted gateway', async () => {
    const first = await startTestGateway({ dataDir: dataDir.path });
    const port = first.port;
    const agent = await signIn(first, '1002', {}, { reconnect: { initialDelayMs: 50, maxDelayMs: 100, maxAttempts: 100 } });
    await agent.sdk.pause({ pauseType: 2, pauseDescription: 'LUNCH' });
    await first.close();

    const second = await startTestGateway({ dataDir: dataDir.path, port });
    try {
      const mark = agent.log.entries.length;
      await agent.log.waitFor('connectionState', (s) => s.state === 'open', mark, 10_000);
      expect(agent.log.of('agentStatus').at(-1)).toMatchObject({ state: 'busy', pauseDescription: 'LUNCH' });
      expect(await agent.sdk.unpause()).toMatchObject({ code: 0 });
      await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'unpause', mark);
    } finally {
      await second.close();
    }
  });

  it('resumes a session restarted mid-way and keeps its call records intact', async () => {
    const first = await startTestGateway({ dataDir: dataDir.path });
    const port = first.port;
    const agent = await signIn(first, '1007', {}, { reconnect: { initialDelayMs: 50, maxDelayMs: 100, maxAttempts: 100 } });
    const sessionId = agent.log.of('loginResp')[0].sessionId;
    const sim = simulatorApi(first);
    const callId = await sim.inbound('2', '13800138555'); // only 1007 of queue 2 signs in here
    await agent.log.waitFor('callBridged', (e) => e.callId === callId);
    await sim.hangup(callId);
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
    const records = (await first.api('GET', '/api/v1/tenants/demo/cdrs?limit=50')).body.records;
    expect(records.map((record: any) => record.callId)).toContain(callId);
    const lastSeq = agent.log.entries.length;
    await first.close();

    const second = await startTestGateway({ dataDir: dataDir.path, port });
    try {
      await agent.log.waitFor('connectionState', (s) => s.state === 'open', lastSeq, 10_000);
      expect(second.liveSessions.has(sessionId)).toBe(true);
      expect(agent.log.of('loginResp')).toHaveLength(1);
      expect(agent.log.of('agentStatus').at(-1)).toMatchObject({ state: 'wrapup', agentNo: '1007' });
      expect((await second.api('GET', '/api/v1/tenants/demo/cdrs?limit=50')).body.records).toEqual(records);
      // The session goes on: the wrap-up ends on request, numbered after what the client already saw.
      expect(await agent.sdk.unpause()).toMatchObject({ code: 0 });
      await agent.log.waitFor('agentStatus', (s) => s.state === 'idle', lastSeq);
    } finally {
      await second.close();
    }
  });
});
