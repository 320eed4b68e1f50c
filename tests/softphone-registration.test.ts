/**
 * The softphone's registration in headless Chromium: a refused SIP password, a lost signalling socket (sipDisconnected,
 * then a new registration), and previewObCall waiting for a softphone that never registers.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInPage, launchSoftphoneBrowser, openSoftphonePage } from './helpers/softphone-page.js';
import { simulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let browser: Browser;
const sim = () => simulatorApi(gateway);

beforeAll(async () => {
  gateway = await startTestGateway({ tenants: [await demoTenant({ webrtc: { stunServer: '' } })] });
  browser = await launchSoftphoneBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

const softphoneOf = (agentNo: string) => ({ kind: 'softphone' as const, address: agentNo, party: 'agent' as const });

describe('softphone registration', () => {
  it('fails with a clear reason when the gateway refuses the SIP password', async () => {
    // The page's gateway socket is proxied, and the login response's SIP password altered on its way in.
    const phone = await openSoftphonePage(browser, gateway, {}, async (page) => {
      await page.routeWebSocket(/\/ws\?/, (socket) => {
        const server = socket.connectToServer();
        server.onMessage((message) => {
          const frame = JSON.parse(String(message));
          if (frame.action === 'loginResp') frame.sipPwd = 'not-the-password';
          socket.send(JSON.stringify(frame));
        });
      });
    });
    expect(await phone.signIn('1002')).toMatchObject({ code: 0 });
    const failed = await phone.waitForEvent('softphoneState', { state: 'failed' });
    expect(failed.reason).toContain('did not accept the SIP password');
    expect(await gateway.services.telephony.isReachable('demo', softphoneOf('1002'))).toBe(false);

    const link = await callInPage(phone.page, 'sipLink');
    expect(link).toMatchObject({ error: { name: 'AgentSdkError', code: 'SIP_NOT_AVAILABLE' } });
    expect(link.error.message).toContain('SIP password');
    const started = Date.now();
    const dial = await callInPage(phone.page, 'previewObCall', { customerNumber: '13900139000' });
    expect(dial).toMatchObject({ error: { code: 'SIP_NOT_AVAILABLE' } });
    expect(Date.now() - started).toBeLessThan(1_000);
    await callInPage(phone.page, 'logout', { logoutMode: 1 });
  }, 20_000);

  it('reports a lost signalling socket with sipDisconnected, then registers again', async () => {
    const phone = await openSoftphonePage(browser, gateway);
    expect(await phone.signIn('1003')).toMatchObject({ code: 0 });
    await phone.waitForEvent('softphoneState', { state: 'registered' });
    const from = await phone.eventCount();

    gateway.sipEdge.closeConnections();
    expect(await phone.waitForEvent('sipDisconnected', {}, 5_000, from)).toMatchObject({ eventType: 'sipDisconnected' });
    await phone.waitForEvent('softphoneState', { state: 'registering' }, 5_000, from);
    await phone.waitForEvent('softphoneState', { state: 'registered' }, 15_000, from);
    expect(await gateway.services.telephony.isReachable('demo', softphoneOf('1003'))).toBe(true);
    await callInPage(phone.page, 'logout', { logoutMode: 1 });
  }, 30_000);

  it('refuses sipLink with MEDIA_NOT_SUPPORTED when the microphone permission is denied', async () => {
    const phone = await openSoftphonePage(browser, gateway, {}, async (page) => {
      await page.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
    });
    expect(await phone.signIn('1005')).toMatchObject({ code: 0 });
    await phone.waitForEvent('softphoneState', { state: 'registered' });
    const callId = await sim().inbound('0', '13800138005');
    await phone.waitForEvent('ringing', { callId });
    const link = await callInPage(phone.page, 'sipLink');
    expect(link).toMatchObject({ error: { name: 'AgentSdkError', code: 'MEDIA_NOT_SUPPORTED' } });
    expect(link.error.message).toContain('microphone permission denied');
    // The call still rings: the agent declines it.
    expect(await callInPage(phone.page, 'sipUnlink')).toMatchObject({ code: 0 });
    expect(await phone.waitForEvent('sipSessionTerminate', { callId })).toMatchObject({ originator: 'local', answered: false });
    await sim()
      .hangup(callId)
      .catch(() => undefined);
    await callInPage(phone.page, 'logout', { logoutMode: 1 });
  }, 20_000);

  it('reports MISSING_DEP when the softphone module cannot be loaded', async () => {
    const phone = await openSoftphonePage(browser, gateway, {}, async (page) => {
      await page.route('**/sdk/agent-sdk-softphone.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
    });
    expect(await phone.signIn('1006')).toMatchObject({ code: 0 });
    const failed = await phone.waitForEvent('softphoneState', { state: 'failed' });
    expect(failed.reason).toMatch(/^MISSING_DEP: the SIP stack could not be loaded/);
    expect(await callInPage(phone.page, 'sipLink')).toMatchObject({ error: { name: 'AgentSdkError', code: 'MISSING_DEP' } });
    await callInPage(phone.page, 'logout', { logoutMode: 1 });
  }, 20_000);

  it('lets previewObCall wait up to 5 s for the registration, then refuses it', async () => {
    // The SIP socket opens but nothing answers: the REGISTER stays unanswered.
    const phone = await openSoftphonePage(browser, gateway, {}, async (page) => {
      await page.routeWebSocket(/\/sip$/, () => undefined);
    });
    expect(await phone.signIn('1004')).toMatchObject({ code: 0 });
    await phone.waitForEvent('softphoneState', { state: 'registering' });
    const started = Date.now();
    const dial = await callInPage(phone.page, 'previewObCall', { customerNumber: '13900139000' });
    const waited = Date.now() - started;
    expect(dial).toMatchObject({ error: { name: 'AgentSdkError', code: 'SIP_NOT_AVAILABLE' } });
    expect(dial.error.message).toContain('not registered within 5 s');
    expect(waited).toBeGreaterThanOrEqual(4_900);
    expect(waited).toBeLessThan(7_000);
    await callInPage(phone.page, 'logout', { logoutMode: 1 });
  }, 20_000);
});
