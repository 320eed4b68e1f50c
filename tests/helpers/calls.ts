/** Set-ups shared by call tests: a customer's call connected to a signed-in agent. */
import { expect } from 'vitest';
import { signIn, type TestClient } from './agent-client.js';
import type { SdkConfig } from '@agentsdk/sdk';
import type { SimulatorApi } from './simulator.js';
import type { GatewayApi } from './test-gateway.js';

export interface ConnectedCall {
  agent: TestClient;
  callId: string;
  /** The simulator's legs of the call, by role. */
  legs(): Promise<{ customer: any; agents: any[]; all: any[] }>;
}

export async function connectedInboundCall(
  gateway: GatewayApi,
  sim: SimulatorApi,
  agentNo: string,
  queueNo: string,
  from: string,
  config: Partial<SdkConfig> = {},
): Promise<ConnectedCall> {
  const agent = await signIn(gateway, agentNo, {}, config);
  const callId = await sim.inbound(queueNo, from);
  await agent.log.waitFor('sessionInit', (e) => e.callId === callId);
  return {
    agent,
    callId,
    async legs() {
      const call = await sim.call(callId);
      const all = call?.legs ?? [];
      return {
        customer: all.find((l: any) => l.party === 'customer' && l.number === from),
        agents: all.filter((l: any) => l.number !== from),
        all,
      };
    },
  };
}

export async function callRecordOf(gateway: GatewayApi, callId: string): Promise<any> {
  let found: any;
  await expect
    .poll(async () => {
      found = (await gateway.api('GET', '/api/v1/tenants/demo/cdrs?limit=200')).body.records.find((r: any) => r.callId === callId);
      return found !== undefined;
    })
    .toBe(true);
  return found;
}
