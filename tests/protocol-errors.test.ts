/** What the gateway answers a client that bypasses the SDK: bad parameters, unknown actions, bad frames. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '@agentsdk/protocol';
import { BAD_PARAMETER_CASES } from './helpers/bad-parameter-cases.js';
import { openRawSocket, type RawSocket } from './helpers/raw-socket.js';
import { RELAXED_RATE_LIMITS, startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let signedIn: RawSocket;

beforeAll(async () => {
  gateway = await startTestGateway({ rateLimits: RELAXED_RATE_LIMITS });
  signedIn = await openRawSocket(gateway.url);
  const response = await signedIn.request('login', {
    sessionKey: await gateway.issueKey('1008'),
    tenantId: 'demo',
    agentNo: '1008',
    bindEndpoint: { endpointType: 1, endpoint: '13600000008' },
    initialStatus: 1,
  });
  expect(response.code).toBe(0);
});
afterAll(() => gateway.close());

describe('gateway parameter validation', () => {
  const cases = OPERATION_NAMES.flatMap((action) => BAD_PARAMETER_CASES[action].map((badCase) => ({ action, ...badCase })));

  it.each(cases)('$action refuses $field ($says)', async ({ action, params, field, says }) => {
    const response = await signedIn.request(action, params);
    expect(response).toMatchObject({
      type: 'res',
      action: action === 'getQueueStatus' ? 'queueStatus' : `${action}Resp`,
      code: -1,
      errorCode: 20000,
    });
    expect(response.message).toContain(field);
    expect(response.message).toContain(says);
  });

  it('has bad-parameter cases for every operation', () => {
    for (const action of OPERATION_NAMES) expect(BAD_PARAMETER_CASES[action].length, action).toBeGreaterThan(0);
  });
});

describe('gateway protocol errors', () => {
  it('answers an unknown action with its own code', async () => {
    expect(await signedIn.request('fly', {})).toMatchObject({
      action: 'flyResp',
      code: -1,
      errorCode: 30007,
      message: 'unknown action: fly',
    });
  });

  it('answers operations before login with "not logined"', async () => {
    const socket = await openRawSocket(gateway.url);
    expect(await socket.request('pause', { pauseType: 1 })).toMatchObject({ code: -1, errorCode: 30001, message: 'not logined' });
    socket.close();
  });

  it('refuses an agent calling a supervisor operation', async () => {
    const socket = await openRawSocket(gateway.url);
    const key = await gateway.issueKey('1003');
    await socket.request('login', {
      sessionKey: key,
      tenantId: 'demo',
      agentNo: '1003',
      bindEndpoint: { endpointType: 1, endpoint: '13600000003' },
      initialStatus: 1,
    });
    expect(await socket.request('spy', { agentNo: '1001' })).toMatchObject({ code: -1, errorCode: 20016 });
    socket.close();
  });

  it('closes the socket on a frame that is not JSON', async () => {
    const socket = await openRawSocket(gateway.url);
    socket.sendText('{not json');
    expect(await socket.closed).toMatchObject({ code: 4100 });
  });

  it('closes the socket on an unsupported protocol version', async () => {
    const socket = await openRawSocket(gateway.url, 'v=99');
    expect(await socket.closed).toMatchObject({ code: 4003 });
  });

  it('answers pings with the same timestamp', async () => {
    const socket = await openRawSocket(gateway.url);
    socket.sendText(JSON.stringify({ type: 'ping', ts: 42 }));
    await expect.poll(() => socket.frames).toContainEqual({ type: 'pong', ts: 42 });
    socket.close();
  });
});
