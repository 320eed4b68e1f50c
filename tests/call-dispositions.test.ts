/** setDisposition: an agent who handled a call gives it one of the tenant's outcomes; others are refused. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { callRecordOf, connectedInboundCall } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sim: SimulatorApi;

beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

describe('setDisposition', () => {
  it('stores the outcome of the agent who handled the call, and refuses anyone else or an unknown code', async () => {
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138950');
    await sim.hangup(callId);
    await callRecordOf(gateway, callId);

    expect(await agent.sdk.setDisposition({ callId, dispositionCode: 'SOLD_TWICE' })).toMatchObject({ code: -1, errorCode: 20000 });
    expect(await agent.sdk.setDisposition({ callId, dispositionCode: 'SALE', notes: 'two lines' })).toMatchObject({
      action: 'setDispositionResp',
      code: 0,
    });
    expect(await agent.sdk.setDisposition({ callId, dispositionCode: 'RESOLVED' })).toMatchObject({ code: 0 });
    const other = await signIn(gateway, '1006');
    expect(await other.sdk.setDisposition({ callId, dispositionCode: 'SALE' })).toMatchObject({ code: -1, errorCode: 20000 });
    expect(await other.sdk.setDisposition({ callId: 'no-such-call', dispositionCode: 'SALE' })).toMatchObject({
      code: -1,
      errorCode: 20000,
    });

    const record = (await gateway.api('GET', '/api/v1/tenants/demo/cdrs?agentNo=1005')).body.records.find((r: any) => r.callId === callId);
    expect(record.dispositions).toEqual([{ agentNo: '1005', code: 'RESOLVED', at: expect.any(String) }]);
  });
});
