/** What the SDK refuses before anything reaches the gateway (docs/07-Error-Handling.md). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '@agentsdk/protocol';
import { createAgentSdk } from '@agentsdk/sdk';
import { BAD_PARAMETER_CASES } from './helpers/bad-parameter-cases.js';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let supervisor: TestClient;
beforeAll(async () => {
  gateway = await startTestGateway();
  supervisor = await signIn(gateway, '1008');
});
afterAll(async () => {
  closeClients();
  await gateway.close();
});

describe('SDK local errors', () => {
  it.each(OPERATION_NAMES)('%s before setup() rejects NOT_INITIALIZED', async (operation) => {
    const sdk = createAgentSdk();
    const call = (sdk[operation] as (params?: unknown) => Promise<unknown>)({});
    await expect(call).rejects.toMatchObject({ name: 'AgentSdkError', code: 'NOT_INITIALIZED' });
  });

  const cases = OPERATION_NAMES.flatMap((action) => BAD_PARAMETER_CASES[action].map((badCase) => ({ action, ...badCase })));
  it.each(cases)('$action refuses $field locally ($says)', async ({ action, params, field, says }) => {
    const requestsBefore = await operationCount(action);
    const call = (supervisor.sdk[action] as (params?: unknown) => Promise<unknown>)(params);
    const error = await call.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ name: 'AgentSdkError', code: 'INVALID_PARAMS', details: { field } });
    expect((error as Error).message).toContain(field);
    expect((error as Error).message).toContain(says);
    expect(await operationCount(action)).toBe(requestsBefore);
  });

  it('rejects operations without a session with WS_NOT_CONNECTED', async () => {
    const sdk = createAgentSdk({ baseURL: gateway.url });
    await expect(sdk.hold()).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED' });
  });

  it('rejects a bad setup naming the option', () => {
    const sdk = createAgentSdk();
    expect(() => sdk.setup({ baseURL: 'ftp://x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMS', message: expect.stringContaining('baseURL') }),
    );
    expect(() => sdk.setup({ baseURL: 'http://x', debug: 'yes' } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMS', message: expect.stringContaining('debug') }),
    );
  });

  it('rejects login when the gateway cannot be reached', async () => {
    const sdk = createAgentSdk({ baseURL: 'http://127.0.0.1:1', connectTimeoutMs: 2_000 });
    const login = sdk.login({
      tenantId: 'demo',
      agentNo: '1001',
      sessionKey: 'k',
      bindEndpoint: { endpointType: 1, endpoint: '13600000000' },
      initialStatus: 1,
    });
    await expect(login).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED' });
  });
});

/** How many requests of this action the gateway has answered (from /metrics). */
async function operationCount(action: string): Promise<number> {
  const text = await fetch(`${gateway.url}/metrics`).then((r) => r.text());
  return [...text.matchAll(new RegExp(`agent_gateway_operations_total\\{action="${action}",code="[-0-9]+"\\} (\\d+)`, 'g'))].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}
