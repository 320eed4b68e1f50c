/**
 * A SIP customer and a WebRTC softphone agent hear each other: a customer on a real SIP phone (baresip, 1000 Hz,
 * PCMA) calls a DID; the call rings the agent's softphone in headless Chromium, whose fake microphone plays 440 Hz.
 * The customer's phone measures the agent's tone; the browser's stats show the customer's audio arriving; the call
 * record holds both legs' RTP counters.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { callRecordOf } from './helpers/calls.js';
import { callInPage, launchSoftphoneBrowser, openSoftphonePage } from './helpers/softphone-page.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const files = temporaryDataDir();
let gateway: TestGateway;
let browser: Browser;
beforeAll(async () => {
  const tenant = { ...(await sipTenant({ carrierPort: 9 })), webrtc: { stunServer: '' } };
  gateway = await startTestGateway({ tenants: [tenant], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  const microphone = join(files.path, 'agent-440.wav');
  execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', microphone, 'synth', '60', 'sine', '440', 'vol', '0.5']);
  browser = await launchSoftphoneBrowser(microphone);
}, 30_000);
afterAll(async () => {
  await releasePhones();
  await browser?.close();
  await gateway?.close();
  files.remove();
});

describe('a SIP customer and a softphone agent', () => {
  it('hear each other', async () => {
    const phone = await openSoftphonePage(browser, gateway, { webrtcStats: true });
    expect(await phone.signIn('1005')).toMatchObject({ code: 0 });
    await phone.waitForEvent('softphoneState', { state: 'registered' });

    const customer = await Baresip.start({ user: '13800138050', toneHz: 1000, codecs: 'PCMA' });
    await customer.dial(`sip:02088880000@127.0.0.1:${gateway.sip!.address.port}`);
    const ringing = await phone.waitForEvent('ringing', { customerNumber: '13800138050' });
    expect(await callInPage(phone.page, 'sipLink')).toMatchObject({ code: 0 });
    await phone.waitForEvent('sessionInit', { callId: ringing.callId });
    await customer.waitForEvent('CALL_ESTABLISHED');

    const from = await phone.eventCount();
    const sample = await phone.waitForNth('webrtcStats', 2, from, 8_000);
    expect(sample.audioLevelIn).toBeGreaterThan(0.1);
    await sleep(500);
    await customer.hangup();
    await phone.waitForEvent('sessionTerminate', { callId: ringing.callId });
    await customer.stop();

    const heard = customer.heard(1);
    expect(heard.seconds).toBeGreaterThan(2);
    expect(heard.frequency).toBeGreaterThan(400);
    expect(heard.frequency).toBeLessThan(480);

    // Both legs' RTP counters land in the call record: the SIP customer's and the softphone agent's.
    const record = await callRecordOf(gateway, ringing.callId);
    for (const party of ['customer', 'agent']) {
      const media = record.legs.find((leg: any) => leg.party === party).media;
      expect(media.packetsSent).toBeGreaterThan(50);
      expect(media.packetsReceived).toBeGreaterThan(50);
      expect(media.packetsLost).toBe(0);
      expect(media.jitterMs).toBeLessThan(40);
    }
  }, 40_000);
});
