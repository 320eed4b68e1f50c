/** pause / unpause / updateBoundEndpoint / logout (spec 3.2-3.4): responses and the agentStatus each one causes. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { simulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterEach(closeClients);
afterAll(() => gateway.close());

describe('agent status operations', () => {
  it('goes busy with a reason, changes reason, and back to idle', async () => {
    const { sdk, log } = await signIn(gateway, '1001');
    const mark = log.entries.length;
    expect(await sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' })).toEqual({ action: 'pauseResp', code: 0, message: 'ok' });
    const busy = await log.waitFor('agentStatus', (s) => s.stateAction === 'pause', mark);
    expect(busy).toMatchObject({ state: 'busy', loginStatus: 2, pauseType: 1, pauseDescription: 'MEETING', deviceStatus: 0 });

    expect(await sdk.pause({ pauseType: 2, pauseDescription: 'LUNCH' })).toMatchObject({ code: 0 });
    const lunch = await log.waitFor('agentStatus', (s) => s.pauseDescription === 'LUNCH', mark);
    expect(lunch.stateSince).toBe(busy.stateSince);

    expect(await sdk.unpause()).toEqual({ action: 'unpauseResp', code: 0, message: 'ok' });
    const idle = await log.waitFor('agentStatus', (s) => s.stateAction === 'unpause', mark);
    expect(idle).toMatchObject({ state: 'idle', loginStatus: 1 });
    expect(idle).not.toHaveProperty('pauseDescription');
    expect(
      log
        .names()
        .slice(mark)
        .filter((n) => n !== 'connectionState'),
    ).toEqual(['pauseResp', 'agentStatus', 'pauseResp', 'agentStatus', 'unpauseResp', 'agentStatus']);
  });

  it('defaults the pause reason to "busy" and refuses unknown or mismatched reasons', async () => {
    const { sdk, log } = await signIn(gateway, '1002');
    expect(await sdk.pause({ pauseType: 1 })).toMatchObject({ code: 0 });
    await log.waitFor('agentStatus', (s) => s.pauseDescription === 'busy');
    expect(await sdk.pause({ pauseType: 1, pauseDescription: 'GOLF' })).toMatchObject({ code: -1, errorCode: 30008 });
    const mismatch = await sdk.pause({ pauseType: 2, pauseDescription: 'MEETING' });
    expect(mismatch).toMatchObject({ code: -1, errorCode: 30008 });
    expect(mismatch.message).toContain('MEETING (pauseType 1)');
  });

  it('answers "already ready" to unpause while idle, and emits nothing', async () => {
    const { sdk, log } = await signIn(gateway, '1003');
    const mark = log.entries.length;
    expect(await sdk.unpause()).toEqual({ action: 'unpauseResp', code: -1, message: 'already ready', errorCode: 30013 });
    // Nothing is to follow the refusal: a bounded wait, as there is no event to wait for.
    await expectNothingWithin(50, () => expect(log.names().slice(mark)).toEqual(['unpauseResp']));
  });

  it('changes the bound endpoint and refuses an unregistered extension', async () => {
    const { sdk, log } = await signIn(gateway, '1004');
    expect(await sdk.updateBoundEndpoint({ bindEndpoint: { endpointType: 2, endpoint: '8002' } })).toMatchObject({ code: 0 });
    expect(await log.waitFor('agentStatus', (s) => s.stateAction === 'updateBoundEndpoint')).toMatchObject({
      state: 'idle',
      bindEndpoint: { endpointType: 2, endpoint: '8002' },
    });
    expect(await sdk.updateBoundEndpoint({ bindEndpoint: { endpointType: 2, endpoint: '8999' } })).toMatchObject({
      code: -1,
      errorCode: 20025,
    });
  });

  it('logs out: response, final status, socket closed, no reconnect, and the binding kept or removed', async () => {
    const { sdk, log } = await signIn(gateway, '1005');
    const mark = log.entries.length;
    expect(await sdk.logout({ logoutMode: 1, unbindEndpoint: 0 })).toEqual({ action: 'logoutResp', code: 0, message: 'ok' });
    const offline = await log.waitFor('agentStatus', (s) => s.stateAction === 'logout', mark);
    expect(offline).toMatchObject({ state: 'offline', loginStatus: 0, bindEndpoint: { endpointType: 1 } });
    await log.waitFor('connectionState', (s) => s.state === 'closed', mark);
    expect(log.of('reconnectAttempt')).toEqual([]);
    await expect(sdk.pause({ pauseType: 1 })).rejects.toMatchObject({ name: 'AgentSdkError', code: 'WS_NOT_CONNECTED' });

    const again = await signIn(gateway, '1005');
    expect(await again.sdk.logout({ logoutMode: 1, unbindEndpoint: 1 })).toMatchObject({ code: 0 });
    const unbound = await again.log.waitFor('agentStatus', (s) => s.stateAction === 'logout');
    expect(unbound).not.toHaveProperty('bindEndpoint');
  });

  it('logoutMode 2 in a call keeps the session through the call and its wrap-up, then signs out when the wrap-up ends', async () => {
    const { sdk, log } = await signIn(gateway, '1006');
    const callId = await simulatorApi(gateway).inbound('1', '13800138906');
    await log.waitFor('agentStatus', (s) => s.state === 'talking');
    const mark = log.entries.length;
    expect(await sdk.logout({ logoutMode: 2 })).toEqual({
      action: 'logoutResp',
      code: 0,
      message: 'logout after the current call and wrap-up',
    });
    // Still signed in: the call goes on, and the SDK keeps the socket past the grace it gives a closing gateway.
    await expectNothingWithin(1_500, () => expect(log.names().slice(mark)).not.toContain('connectionState'));
    expect(await sdk.hold()).toMatchObject({ code: 0 });
    expect(await sdk.unhold()).toMatchObject({ code: 0 });
    expect(await sdk.unlink()).toMatchObject({ code: 0 });
    await log.waitFor('sessionTerminate', (e) => e.callId === callId, mark);
    await log.waitFor('agentStatus', (s) => s.state === 'wrapup', mark);
    expect(sdk.getState().connection).toBe('open');
    // Leaving the wrap-up early ends it: the sign-out that waited for it happens then, not at the next call.
    expect(await sdk.unpause()).toMatchObject({ code: 0 });
    expect(await log.waitFor('agentStatus', (s) => s.state === 'offline', mark)).toMatchObject({ stateAction: 'logout' });
    await log.waitFor('connectionState', (s) => s.state === 'closed', mark);
    expect(log.of('reconnectAttempt')).toEqual([]);
  });

  it('reports the status to the gateway metrics', async () => {
    const metrics = await fetch(`${gateway.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/agent_gateway_operations_total\{action="pause",code="0"\} [1-9]/);
  });
});
