/**
 * GET /api/v1/tenants/{tenantId}/cdrs and …/cdrs/{callId}: filters, pages, and the fields of a finished call, the same
 * whether the records are the store's ended calls or PostgreSQL's (DATABASE_URL).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayOptions } from '@agentsdk/gateway';
import { closeClients, signIn } from './helpers/agent-client.js';
import { callRecordOf, connectedInboundCall } from './helpers/calls.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { succeeded } from './helpers/responses.js';

const databases: TestDatabase[] = [];
const RECORDS_IN: Record<string, () => Promise<GatewayOptions>> = {
  'the store': async () => ({}),
  PostgreSQL: async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return { databaseUrl: database.url };
  },
};
afterEach(closeClients);
afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe.each(Object.entries(RECORDS_IN))('call records API, records in %s', (_name, options) => {
  let gateway: TestGateway;
  let sim: SimulatorApi;
  const callIds: string[] = [];
  beforeAll(async () => {
    gateway = await startTestGateway(await options());
    sim = simulatorApi(gateway);
    const agent = await signIn(gateway, '1001');
    for (const number of ['13900000011', '13900000012', '13900000013']) {
      await sim.setBehaviour(number, { behavior: 'busy' });
      const response = succeeded(await agent.sdk.previewObCall({ customerNumber: number }));
      callIds.push(response.callId!);
      await agent.log.waitFor('sessionTerminate', (e) => e.callId === response.callId);
    }
    const abandoned = await sim.inbound('2', '13800138200');
    while ((await sim.call(abandoned))?.legs[0].state !== 'answered') await new Promise((resolve) => setTimeout(resolve, 10));
    await sim.hangup(abandoned);
    callIds.push(abandoned);
    await closeClients();
  });
  afterAll(() => gateway?.close());

  const cdrs = (query = '') => gateway.api('GET', `/api/v1/tenants/demo/cdrs${query}`);

  it('lists finished calls newest first, with their legs', async () => {
    await expect.poll(async () => (await cdrs()).body.records.length).toBe(4);
    const { body } = await cdrs();
    expect(body.records.map((r: any) => r.callId)).toEqual([...callIds].reverse());
    expect(body.nextCursor).toBeNull();
    expect(body.records[1]).toMatchObject({ callType: 4, agentNo: '1001', outcome: 'customerBusy', hangupSide: 'system', talkSeconds: 0 });
    expect(body.records[1].legs.map((l: any) => l.endCause)).toEqual(['normal', 'busy']);
    expect(Date.parse(body.records[1].endedAt)).toBeGreaterThan(0);
  });

  it('filters by agent and time, and pages with a cursor', async () => {
    expect((await cdrs('?agentNo=1001')).body.records).toHaveLength(3);
    expect((await cdrs('?agentNo=1002')).body.records).toHaveLength(0);
    expect((await cdrs(`?from=${Date.now() + 60_000}`)).body.records).toHaveLength(0);
    expect((await cdrs(`?to=${new Date(Date.now() + 60_000).toISOString()}`)).body.records).toHaveLength(4);

    const first = await cdrs('?limit=3');
    expect(first.body.records).toHaveLength(3);
    const second = await cdrs(`?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.records.map((r: any) => r.callId)).toEqual([callIds[0]]);
  });

  it('gets one record by its call id, as the list shows it', async () => {
    const listed = (await cdrs()).body.records[0];
    const one = await gateway.api('GET', `/api/v1/tenants/demo/cdrs/${listed.callId}`);
    expect(one).toEqual({ status: 200, body: listed });
    const missing = await gateway.api('GET', '/api/v1/tenants/demo/cdrs/no-such-call');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'not_found', message: expect.stringContaining('no-such-call') });
    expect((await gateway.api('GET', `/api/v1/tenants/demo/cdrs/${listed.callId}`, undefined, 'wrong')).status).toBe(401);
  });

  it('shows a disposition given after the call ended', async () => {
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138950');
    await sim.hangup(callId);
    await callRecordOf(gateway, callId);
    expect(await agent.sdk.setDisposition({ callId, dispositionCode: 'SALE', notes: 'two lines' })).toMatchObject({ code: 0 });
    await expect
      .poll(async () => (await gateway.api('GET', `/api/v1/tenants/demo/cdrs/${callId}`)).body.dispositions)
      .toEqual([{ agentNo: '1005', code: 'SALE', notes: 'two lines', at: expect.any(String) }]);
  });

  it('refuses bad queries and a wrong API key', async () => {
    expect((await cdrs('?limit=0')).status).toBe(400);
    expect((await cdrs('?from=yesterday')).body.error.message).toContain('from must be');
    expect((await cdrs('?cursor=abc')).body.error.message).toContain('cursor');
    expect((await gateway.api('GET', '/api/v1/tenants/demo/cdrs', undefined, 'wrong')).status).toBe(401);
  });
});
