/**
 * setup() as a product: a misspelt option is refused by name, the client exposes no internals, and
 * `waitForConnection` lets an operation called while reconnecting wait for the connection instead of failing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '@agentsdk/protocol';
import * as contract from '@agentsdk/protocol/contract';
import { AgentSDK, createAgentSdk } from '@agentsdk/sdk';
import { closeClients, signIn } from './helpers/agent-client.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterEach(closeClients);
afterAll(() => gateway.close());

describe('setup(config)', () => {
  it.each([
    [{ baseURL: 'https://cc.example.com', debgu: true }, 'debgu'],
    [{ baseURL: 'https://cc.example.com', requestTimeout: 5000 }, 'requestTimeout'],
    [{ baseURL: 'https://cc.example.com', reconnect: { maxAttempt: 3 } }, 'reconnect.maxAttempt'],
  ])('refuses the unknown option of %j, naming it', (config, field) => {
    const client = createAgentSdk();
    expect(() => client.setup(config as never)).toThrow(expect.objectContaining({ name: 'AgentSdkError', code: 'INVALID_PARAMS', details: { field } }));
    expect(() => client.setup(config as never)).toThrow(`${field} is not an option of setup`);
  });

  it('accepts every documented option', () => {
    expect(() =>
      createAgentSdk().setup({
        baseURL: 'https://cc.example.com',
        webrtc: false,
        debug: false,
        audio_debug: false,
        observability: false,
        webrtcStats: false,
        requestTimeoutMs: 5_000,
        connectTimeoutMs: 5_000,
        heartbeatIntervalMs: 10_000,
        reconnect: { initialDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 3 },
        debugHook: () => undefined,
        waitForConnection: true,
      }),
    ).not.toThrow();
  });
});

describe('the client object', () => {
  it('enumerates only its public surface: operations, constants and the softphone devices', () => {
    const publicNames = [...OPERATION_NAMES, ...Object.keys(contract), 'ErrorCodes', 'softphone'].sort();
    expect(Object.keys(createAgentSdk()).sort()).toEqual(publicNames);
    expect(Object.keys(AgentSDK).sort()).toEqual(publicNames);
  });
});

describe('waitForConnection', () => {
  it('off (default): an operation called while reconnecting fails at once with WS_NOT_CONNECTED', async () => {
    const agent = await signIn(gateway, '1001', {}, { reconnect: { initialDelayMs: 300, maxDelayMs: 300, maxAttempts: 5 } });
    const { sessionId } = agent.sdk.getState().session!;
    gateway.liveSessions.dropSocket(sessionId);
    await agent.log.waitFor('connectionState', (e) => e.state === 'reconnecting');
    await expect(agent.sdk.pause({ pauseType: 1, pauseDescription: 'busy' })).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED' });
  });

  it('on: the operation waits for the session to be resumed, then runs', async () => {
    const agent = await signIn(gateway, '1002', {}, { waitForConnection: true, reconnect: { initialDelayMs: 300, maxDelayMs: 300, maxAttempts: 5 } });
    const { sessionId } = agent.sdk.getState().session!;
    gateway.liveSessions.dropSocket(sessionId);
    await agent.log.waitFor('connectionState', (e) => e.state === 'reconnecting');
    expect(await agent.sdk.pause({ pauseType: 1, pauseDescription: 'busy' })).toMatchObject({ code: 0 });
    expect(agent.sdk.getState()).toMatchObject({ connection: 'open', agent: { state: 'busy' } });
  });

  it('on: still fails at once when no agent is signed in, and after requestTimeoutMs when the connection stays down', async () => {
    const idle = createAgentSdk({ baseURL: gateway.url, waitForConnection: true });
    await expect(idle.hold()).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED', message: expect.stringContaining('no agent is signed in') });

    const agent = await signIn(gateway, '1003', {}, { waitForConnection: true, requestTimeoutMs: 400, reconnect: { initialDelayMs: 5_000, maxDelayMs: 5_000, maxAttempts: 1 } });
    gateway.liveSessions.dropSocket(agent.sdk.getState().session!.sessionId);
    await agent.log.waitFor('connectionState', (e) => e.state === 'reconnecting');
    const started = Date.now();
    await expect(agent.sdk.hold()).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED', message: expect.stringContaining('after waiting 400 ms') });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });
});
