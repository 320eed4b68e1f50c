/**
 * Who a supervisor may act on: every supervisor operation refuses an agent's session, and every one that names a
 * target agent refuses an agent of another tenant, an agent outside the queues watched in this session, and an
 * unknown agent, before anything happens to anybody.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '@agentsdk/protocol';
import type { TenantConfig } from '@agentsdk/gateway';
import { OPERATION_TABLE } from '../packages/gateway/src/application/operation-table.js';
import { closeClients, endpointOf, newClient, signIn, type TestClient } from './helpers/agent-client.js';
import { demoTenant } from './helpers/tenants.js';
import { RELAXED_RATE_LIMITS, startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';

const SUPERVISOR_OPERATIONS = OPERATION_NAMES.filter((name) => OPERATIONS[name].group === 'supervisor');

/** Operations whose parameters name the target agent. */
const TARGET_OPERATIONS = SUPERVISOR_OPERATIONS.filter((name) => {
  const schema = OPERATIONS[name].schema as { entries?: Record<string, unknown> };
  return schema.entries !== undefined && 'agentNo' in schema.entries;
});

/** Valid parameters for each supervisor operation, aimed at `agentNo` where the operation takes a target. */
function paramsOf(operation: OperationName, agentNo: string): Record<string, unknown> {
  if (operation === 'setOnline') return { agentNo, bindEndpoint: endpointOf(agentNo) };
  return TARGET_OPERATIONS.includes(operation) ? { agentNo } : {};
}

function call(client: TestClient, operation: OperationName, params: Record<string, unknown>): Promise<any> {
  return (client.sdk[operation] as (params: unknown) => Promise<unknown>)(params);
}

/** Signs an agent of the tenant `acme` in (signIn issues demo keys). */
async function signInToAcme(agentNo: string, params: Record<string, unknown> = {}): Promise<TestClient> {
  const client = newClient(gateway);
  const response = await client.sdk.login({
    tenantId: 'acme',
    agentNo,
    sessionKey: await gateway.issueKey(agentNo, 3600, 'acme'),
    bindEndpoint: endpointOf(agentNo),
    initialStatus: 1,
    ...params,
  });
  if (response.code !== 0) throw new Error(`login of acme ${agentNo} failed: ${response.message}`);
  await client.log.waitFor('agentStatus', (status) => status.stateAction === 'login');
  return client;
}

let gateway: TestGateway;
/** Watches queue 2 only: agent 1003 (queues 0, 2) is in scope, 1001 (queues 0, 1) is not. */
let supervisor: TestClient;
let agent: TestClient;
let acmeOnly: TestClient;

beforeAll(async () => {
  const demo = await demoTenant();
  const acmeAgent: TenantConfig['agents'][number] = { agentNo: '2001', name: 'Acme agent', role: 'agent', queues: ['2'], permissions: [] };
  const acme = await demoTenant({ tenantId: 'acme', name: 'Acme', agents: [...demo.agents, acmeAgent] });
  gateway = await startTestGateway({ tenants: [demo, acme], rateLimits: RELAXED_RATE_LIMITS });
  supervisor = await signIn(gateway, '1008', { qids: 'demo:2', initialStatus: 2, pauseDescription: 'MEETING' });
  agent = await signIn(gateway, '1003');
  acmeOnly = await signInToAcme('2001');
});
afterAll(async () => {
  closeClients();
  await gateway.close();
});

describe('supervisor operation scope', () => {
  it('checks the target of every supervisor operation that names one, in the operation table', () => {
    expect(TARGET_OPERATIONS).toEqual([
      'setPause',
      'setUnpause',
      'spy',
      'performThreeway',
      'cancelThreeway',
      'whisper',
      'barge',
      'disconnect',
      'pickup',
      'setOnline',
      'setOffline',
    ]);
    for (const operation of SUPERVISOR_OPERATIONS) {
      const row = OPERATION_TABLE[operation];
      expect(row.permission, operation).toBe('supervisor');
      expect('target' in row && row.target === 'watchedAgent', operation).toBe(TARGET_OPERATIONS.includes(operation));
    }
  });

  it.each(SUPERVISOR_OPERATIONS)('%s refuses an agent', async (operation) => {
    const response = await call(agent, operation, paramsOf(operation, '1003'));
    expect(response).toMatchObject({ code: -1, errorCode: 20016 });
    expect(response.message).toContain('needs the supervisor role');
  });

  it.each(TARGET_OPERATIONS)('%s refuses an agent of another tenant as unknown', async (operation) => {
    expect(await call(supervisor, operation, paramsOf(operation, '2001'))).toMatchObject({
      code: -1,
      errorCode: 20012,
      message: 'no such agent',
    });
  });

  it.each(TARGET_OPERATIONS)('%s refuses an agent outside the watched queues', async (operation) => {
    expect(await call(supervisor, operation, paramsOf(operation, '1001'))).toMatchObject({
      code: -1,
      errorCode: 20016,
      message: 'permission denied: agent 1001 is not in a queue you supervise',
    });
  });

  it.each(TARGET_OPERATIONS)('%s refuses an unknown agent', async (operation) => {
    expect(await call(supervisor, operation, paramsOf(operation, '9999'))).toMatchObject({
      code: -1,
      errorCode: 20012,
      message: 'no such agent',
    });
  });

  it.each(TARGET_OPERATIONS)('%s refuses a supervisor as its target', async (operation) => {
    expect(await call(supervisor, operation, paramsOf(operation, '1008'))).toMatchObject({ code: -1, errorCode: 20016 });
  });

  it('lets an agent in a watched queue through to the operation', async () => {
    expect(await supervisor.sdk.spy({ agentNo: '1003' })).toMatchObject({
      code: -1,
      errorCode: 30014,
      message: 'agent 1003 is not in a call',
    });
    expect(await supervisor.sdk.setUnpause({ agentNo: '1003' })).toMatchObject({ code: -1, errorCode: 30013, message: 'already ready' });
  });

  it('changed nobody while refusing', () => {
    for (const client of [agent, acmeOnly]) {
      expect(client.log.of('agentStatus').map((status) => status.stateAction)).toEqual(['login']);
      expect(client.log.of('forcedLogout')).toEqual([]);
    }
  });
});

describe('supervisors of two tenants', () => {
  afterEach(closeClients);

  it('act on the agent of their own tenant when both tenants have the agent number', async () => {
    const demoAgent = await signIn(gateway, '1001');
    const acmeAgent = await signInToAcme('1001');
    const acmeSupervisor = await signInToAcme('1008', { initialStatus: 2, pauseDescription: 'MEETING' });
    expect(await acmeSupervisor.sdk.setPause({ agentNo: '1001' })).toMatchObject({ code: 0 });
    expect(await acmeAgent.log.waitFor('agentStatus', (s) => s.stateAction === 'setPause')).toMatchObject({
      tenantId: 'acme',
      state: 'busy',
    });
    // The demo agent is not to hear of it: a bounded wait, as there is no event to wait for.
    await expectNothingWithin(50, () => expect(demoAgent.log.of('agentStatus').map((status) => status.stateAction)).toEqual(['login']));
  });
});
