/** Real SDK clients signed in to a test gateway, with a log of every event they emit. */
import { EventType, type EventMap, type EventName, type OperationParams } from '@agentsdk/protocol';
import { createAgentSdk, type AgentSdkClient, type SdkConfig } from '@agentsdk/sdk';
import type { GatewayApi } from './test-gateway.js';

export interface LoggedEvent {
  event: EventName;
  data: any;
}

/** Every event a client emits, in order. */
export class EventLog {
  readonly entries: LoggedEvent[] = [];

  constructor(client: AgentSdkClient) {
    for (const event of Object.values(EventType) as EventName[]) {
      client.on(event, (data: EventMap[typeof event]) => this.entries.push({ event, data }));
    }
  }

  names(): EventName[] {
    return this.entries.map((entry) => entry.event);
  }

  of<E extends EventName>(event: E): any[] {
    return this.entries.filter((entry) => entry.event === event).map((entry) => entry.data);
  }

  /** Waits until an event matching `predicate` has been emitted (counting from `fromIndex`), and returns it. */
  async waitFor(event: EventName, predicate: (data: any) => boolean = () => true, fromIndex = 0, timeoutMs = 5_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.entries.slice(fromIndex).find((entry) => entry.event === event && predicate(entry.data));
      if (found) return found.data;
      if (Date.now() > deadline) throw new Error(`no ${event} within ${timeoutMs} ms; saw: ${this.names().slice(fromIndex).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  clear(): void {
    this.entries.length = 0;
  }
}

export interface TestClient {
  sdk: AgentSdkClient;
  log: EventLog;
}

/** Fast heartbeats and reconnects, so tests about liveness finish quickly. */
export const FAST_CONNECTION: Partial<SdkConfig> = {
  heartbeatIntervalMs: 500,
  requestTimeoutMs: 5_000,
  reconnect: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 50 },
};

const clients: AgentSdkClient[] = [];

export function newClient(gateway: GatewayApi, config: Partial<SdkConfig> = {}): TestClient {
  const sdk = createAgentSdk({ baseURL: gateway.url, ...FAST_CONNECTION, ...config });
  clients.push(sdk);
  return { sdk, log: new EventLog(sdk) };
}

/** Closes every client the test created (no logout), so no socket or timer outlives the test. */
export function closeClients(): void {
  for (const client of clients.splice(0)) client.close();
}

export function endpointOf(agentNo: string): { endpointType: 1; endpoint: string } {
  return { endpointType: 1, endpoint: `1360000${agentNo}` };
}

/** Signs an agent in with a fresh session key; fails the test if login does not succeed. */
export async function signIn(
  gateway: GatewayApi,
  agentNo: string,
  params: Partial<OperationParams<'login'>> = {},
  config: Partial<SdkConfig> = {},
): Promise<TestClient> {
  const client = newClient(gateway, config);
  const response = await client.sdk.login({
    tenantId: 'demo',
    agentNo,
    sessionKey: await gateway.issueKey(agentNo),
    bindEndpoint: endpointOf(agentNo),
    initialStatus: 1,
    ...params,
  });
  if (response.code !== 0) throw new Error(`login of ${agentNo} failed: ${response.message}`);
  await client.log.waitFor('agentStatus', (status) => status.stateAction === 'login');
  return client;
}
