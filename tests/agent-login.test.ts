/** login (spec 3.1): success, the softphone fields, and each way it fails. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@agentsdk/gateway';
import { closeClients, endpointOf, newClient, signIn } from './helpers/agent-client.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { succeeded } from './helpers/responses.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterEach(closeClients);
afterAll(() => gateway.close());

async function loginWith(params: Record<string, unknown>) {
  const { sdk } = newClient(gateway);
  return sdk.login({
    tenantId: 'demo',
    agentNo: '1001',
    sessionKey: await gateway.issueKey('1001'),
    bindEndpoint: endpointOf('1001'),
    initialStatus: 1,
    ...params,
  } as never);
}

describe('login', () => {
  it('answers loginResp first, then the agent status, through the Promise and the event alike', async () => {
    const { sdk, log } = newClient(gateway);
    const response = await sdk.login({
      tenantId: 'demo',
      agentNo: '1002',
      sessionKey: await gateway.issueKey('1002'),
      bindEndpoint: endpointOf('1002'),
      initialStatus: 1,
    });
    expect(response).toMatchObject({
      action: 'loginResp',
      code: 0,
      message: 'ok',
      tenantId: 'demo',
      agentNo: '1002',
      bindEndpoint: endpointOf('1002'),
    });
    expect(response).not.toHaveProperty('webrtcSocketUrl');
    const status = await log.waitFor('agentStatus');
    expect(status).toMatchObject({
      eventType: 'agentStatus',
      agentNo: '1002',
      state: 'idle',
      stateAction: 'login',
      loginStatus: 1,
      deviceStatus: 0,
    });
    const names = log.names().filter((name) => name !== 'connectionState');
    expect(names.slice(0, 2)).toEqual(['loginResp', 'agentStatus']);
    const { eventType, ...eventResponse } = log.of('loginResp')[0];
    expect(eventType).toBe('loginResp');
    expect(eventResponse).toEqual(response);
  });

  it('signs in busy with a configured reason, and in wrap-up', async () => {
    const busy = await signIn(gateway, '1003', { initialStatus: 2, pauseDescription: 'MEETING' });
    expect(busy.log.of('agentStatus')[0]).toMatchObject({ state: 'busy', loginStatus: 2, pauseType: 1, pauseDescription: 'MEETING' });
    const wrapup = await signIn(gateway, '1004', { initialStatus: 3 });
    const status = wrapup.log.of('agentStatus')[0];
    expect(status).toMatchObject({ state: 'wrapup', loginStatus: 3 });
    // 1004 answers queues 1 and 2; queue 1's wrap-up is 45 s.
    expect(status.wrapupEndsAt - status.stateSince).toBe(45_000);
  });

  it('returns the softphone fields for endpointType 3', async () => {
    const response = succeeded(await loginWith({ bindEndpoint: { endpointType: 3, endpoint: '' } }));
    expect(response).toMatchObject({
      code: 0,
      bindEndpoint: { endpointType: 3, endpoint: '1001' },
      webrtcStunServer: expect.stringMatching(/^stun:/),
    });
    expect(response.webrtcSocketUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/sip$/);
    expect(response.sipPwd).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(response.sipIp).toBe('127.0.0.1');
  });

  it.each([
    ['an unknown key', { sessionKey: 'not-a-key' }, 30002, 'invalid session key'],
    ['a key of another agent', 'other-agent', 30004, 'not issued for this tenant and agent'],
    ['a wrong tenant', { tenantId: 'acme' }, 30004, 'not issued for this tenant and agent'],
    ['an unregistered extension', { bindEndpoint: { endpointType: 2, endpoint: '9999' } }, 20025, 'extension 9999 is not registered'],
    ['a pause reason the tenant lacks', { initialStatus: 2, pauseDescription: 'GOLF' }, 30008, 'GOLF is not a pause reason'],
    ['qids from an agent', { qids: 'demo:0' }, 20016, 'qids is for supervisors only'],
  ])('refuses %s', async (_what, params, errorCode, message) => {
    const overrides = params === 'other-agent' ? { sessionKey: await gateway.issueKey('1005') } : params;
    const response = await loginWith(overrides as Record<string, unknown>);
    expect(response).toMatchObject({ action: 'loginResp', code: -1, errorCode });
    expect(response.message).toContain(message);
  });

  it('refuses an expired key', async () => {
    const clock = new ManualClock();
    const short = await startTestGateway({ clock });
    try {
      const key = await short.issueKey('1001', 60);
      clock.advance(61_000);
      const { sdk } = newClient(short);
      const response = await sdk.login({
        tenantId: 'demo',
        agentNo: '1001',
        sessionKey: key,
        bindEndpoint: endpointOf('1001'),
        initialStatus: 1,
      });
      expect(response).toMatchObject({ code: -1, errorCode: 30003, message: 'session key expired' });
    } finally {
      await short.close();
    }
  });

  it('refuses an unknown agent', async () => {
    const { sdk } = newClient(gateway);
    const key = await gateway.issueKey('1001');
    const response = await sdk.login({
      tenantId: 'demo',
      agentNo: '4242',
      sessionKey: key,
      bindEndpoint: endpointOf('1001'),
      initialStatus: 1,
    });
    expect(response).toMatchObject({ code: -1, errorCode: 30004 });
  });

  it('lets a supervisor watch a subset of their queues but not foreign ones', async () => {
    const ok = await signIn(gateway, '1008', { qids: 'demo:0,demo:2' });
    expect(ok.log.of('loginResp')[0]).toMatchObject({ code: 0 });
    const { sdk } = newClient(gateway);
    const refused = await sdk.login({
      tenantId: 'demo',
      agentNo: '1008',
      sessionKey: await gateway.issueKey('1008'),
      bindEndpoint: endpointOf('1008'),
      initialStatus: 1,
      qids: 'demo:0,acme:1',
    });
    expect(refused).toMatchObject({ code: -1, errorCode: 20016 });
    expect(refused.message).toContain('acme:1');
  });
});
