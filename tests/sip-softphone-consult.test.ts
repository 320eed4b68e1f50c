/**
 * A consult transfer from an agent on a WebRTC softphone (headless Chromium, 440 Hz fake microphone) to an agent on a
 * desk phone (baresip, 2000 Hz): a customer on a real SIP phone (baresip, 1000 Hz) calls a DID, the softphone agent
 * consults the desk-phone agent and completes the transfer. Afterwards the customer and the second agent hear each
 * other, measured in a band around each one's tone.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { callInPage, launchSoftphoneBrowser, openSoftphonePage } from './helpers/softphone-page.js';
import { registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const files = temporaryDataDir();
let gateway: TestGateway;
let browser: Browser;
beforeAll(async () => {
  // The customer's baresip is held during the consult and measured after it: no hold re-INVITE (see sipTenant).
  const tenant = { ...(await sipTenant({ carrierPort: 9, holdReinvite: false })), webrtc: { stunServer: '' } };
  gateway = await startTestGateway({ tenants: [tenant], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  const microphone = join(files.path, 'agent-440.wav');
  execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', microphone, 'synth', '60', 'sine', '440', 'vol', '0.5']);
  browser = await launchSoftphoneBrowser(microphone);
}, 30_000);
afterAll(async () => {
  closeClients();
  await releasePhones();
  await browser?.close();
  await gateway?.close();
  files.remove();
});

describe('consult transfer from a softphone agent to a desk-phone agent', () => {
  it('ends with the customer and the desk-phone agent hearing each other', async () => {
    const phone = await openSoftphonePage(browser, gateway);
    expect(await phone.signIn('1005')).toMatchObject({ code: 0 });
    await phone.waitForEvent('softphoneState', { state: 'registered' });
    const deskPhone = await registeredDeskPhone(gateway.sip!.address.port, '8002', 2000);
    const second = await signIn(gateway, '1002', { bindEndpoint: { endpointType: 2, endpoint: '8002' } });

    const customer = await Baresip.start({ user: '13800138060', toneHz: 1000 });
    await customer.dial(`sip:02088880000@127.0.0.1:${gateway.sip!.address.port}`);
    const ringing = await phone.waitForEvent('ringing', { customerNumber: '13800138060' });
    expect(await callInPage(phone.page, 'sipLink')).toMatchObject({ code: 0 });
    await phone.waitForEvent('sessionInit', { callId: ringing.callId });
    await customer.waitForEvent('CALL_ESTABLISHED');

    expect(await callInPage(phone.page, 'startAtxfer', { targetType: 1, target: '1002' })).toMatchObject({ code: 0 });
    await phone.waitForEvent('atxferLink', {});
    await deskPhone.waitForEvent('CALL_ESTABLISHED');
    await sleep(1_000);
    expect(await callInPage(phone.page, 'completeAtxfer')).toMatchObject({ code: 0 });
    await phone.waitForEvent('sessionTerminate', { reason: 'transferred' });
    await sleep(2_500);

    await customer.hangup();
    await second.log.waitFor('sessionTerminate', (e) => e.callId === ringing.callId, 0, 10_000);
    await Promise.all([customer.stop(), deskPhone.stop()]);

    expect(customer.heardLevelBetween(1800, 2200)).toBeGreaterThan(0.03);
    expect(deskPhone.heardLevelBetween(900, 1100)).toBeGreaterThan(0.03);
    // During the consult the desk-phone agent heard the softphone agent.
    expect(deskPhone.heardLevelBetween(400, 480)).toBeGreaterThan(0.01);
  }, 60_000);
});
