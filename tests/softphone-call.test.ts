/**
 * The WebRTC softphone end to end, in headless Chromium: the script-tag SDK registers on the gateway's SIP edge, a
 * customer's call rings the browser, sipLink answers, audio flows both ways (the customer's tone into the browser,
 * the fake microphone into the gateway), hold and mute stop it, sipUnlink hangs up.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInPage, launchSoftphoneBrowser, openSoftphonePage, type SoftphonePage } from './helpers/softphone-page.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sim: SimulatorApi;
let browser: Browser;

beforeAll(async () => {
  // No STUN server: candidates stay on loopback and nothing is sent off the machine.
  gateway = await startTestGateway({ tenants: [await demoTenant({ webrtc: { stunServer: '' } })] });
  sim = simulatorApi(gateway);
  browser = await launchSoftphoneBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

async function legsOf(callId: string): Promise<{ customer: any; agent: any }> {
  const call = await sim.call(callId);
  return { customer: call?.legs.find((leg: any) => leg.party === 'customer'), agent: call?.legs.find((leg: any) => leg.party === 'agent') };
}

/** The packets the customer has received from the agent so far. */
async function customerPackets(callId: string): Promise<number> {
  return (await legsOf(callId)).customer.media?.packetsReceived ?? 0;
}

/**
 * Waits until no packet reaches the customer over a whole `windowMs` (packets already on their way still arrive at
 * first); fails if they never stop.
 */
async function customerMediaStops(callId: string, windowMs: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const before = await customerPackets(callId);
        await new Promise((resolve) => setTimeout(resolve, windowMs));
        return (await customerPackets(callId)) - before;
      },
      { timeout: 6_000, message: 'packets still reach the customer' },
    )
    .toBe(0);
}

/** Waits until packets reach the customer again. */
async function customerMediaFlows(callId: string): Promise<void> {
  const before = await customerPackets(callId);
  await expect.poll(() => customerPackets(callId), { timeout: 5_000 }).toBeGreaterThan(before);
}

describe('a customer call on the softphone', () => {
  let phone: SoftphonePage;
  let callId: string;

  it('registers after a softphone login', async () => {
    phone = await openSoftphonePage(browser, gateway, { webrtcStats: true, audio_debug: true });
    const login = await phone.signIn('1001');
    expect(login).toMatchObject({
      code: 0,
      webrtcSocketUrl: `ws://127.0.0.1:${gateway.port}/sip`,
      sipIp: '127.0.0.1',
      bindEndpoint: { endpointType: 3, endpoint: '1001' },
    });
    await phone.waitForEvent('softphoneState', { state: 'registered' });
    expect(await gateway.services.telephony.isReachable('demo', { kind: 'softphone', address: '1001', party: 'agent' })).toBe(true);
  }, 20_000);

  it('lists the audio devices and takes a chosen microphone', async () => {
    const devices = await phone.page.evaluate(() => (window as any).client.softphone.listDevices());
    expect(devices.inputs.length).toBeGreaterThan(0);
    expect(devices.inputs.every((device: any) => typeof device.deviceId === 'string' && typeof device.label === 'string')).toBe(true);
    const microphone = devices.inputs.find((device: any) => device.deviceId !== 'default') ?? devices.inputs[0];
    await phone.page.evaluate((deviceId) => (window as any).client.softphone.setInputDevice(deviceId), microphone.deviceId);
  });

  it('rings, is answered with sipLink, and carries audio both ways', async () => {
    callId = await sim.inbound('0', '13800138000');
    await phone.waitForEvent('ringing', { callId });
    expect(await callInPage(phone.page, 'sipLink')).toEqual({ action: 'sipLinkResp', code: 0, message: 'ok' });
    expect(await phone.waitForEvent('sipLinkResp')).toMatchObject({ code: 0, message: 'ok' });
    expect(await phone.waitForEvent('sipSessionInit', { callId })).toMatchObject({ remoteNumber: '13800138000', direction: 'incoming' });
    await phone.waitForEvent('sessionInit', { callId });

    // webrtcStats every 2 s, from the browser's getStats(): the customer's tone (0.3 of full scale) arrives.
    const from = await phone.eventCount();
    const sample = await phone.waitForNth('webrtcStats', 2, from, 8_000);
    expect(sample).toMatchObject({ callId, packetLossPercent: 0 });
    expect(sample.audioLevelIn).toBeGreaterThan(0.1);
    expect(sample.bitrateIn).toBeGreaterThan(30);
    expect(sample.bitrateOut).toBeGreaterThan(30);
    expect(sample.jitter).toBeGreaterThanOrEqual(0);
    expect(sample.roundTripTime).toBeGreaterThanOrEqual(0);
    expect(sample.roundTripTime).toBeLessThan(200);
    expect(sample.mos).toBeGreaterThan(4);
    expect(sample.mos).toBeLessThanOrEqual(4.5);

    // The gateway received the fake microphone's audio, and the customer heard it.
    const { customer, agent } = await legsOf(callId);
    expect(agent).toMatchObject({ state: 'answered', number: '1001' });
    expect(agent.media.packetsSent).toBeGreaterThan(50);
    expect(agent.media.packetsReceived).toBeGreaterThan(50);
    expect(customer.media.packetsReceived).toBeGreaterThan(50);
    expect(customer.media.audioLevel).toBeGreaterThan(0);

    // audio_debug: the remote audio element started playing; a speaker can be chosen during the call.
    await expect.poll(() => phone.audioLog).toContain('[AgentSDK audio] play');
    await phone.page.evaluate(() => (window as any).client.softphone.setOutputDevice('default'));
  }, 30_000);

  it('stops the media both ways while the customer is on hold', async () => {
    expect(await callInPage(phone.page, 'hold')).toMatchObject({ code: 0 });
    await phone.waitForEvent('callHeld');
    await customerMediaStops(callId, 1_000);
    const from = await phone.eventCount();
    expect((await phone.waitForNth('webrtcStats', 2, from, 8_000)).bitrateIn).toBeLessThan(5);

    expect(await callInPage(phone.page, 'unhold')).toMatchObject({ code: 0 });
    const resumed = await phone.eventCount();
    expect((await phone.waitForNth('webrtcStats', 2, resumed, 8_000)).bitrateIn).toBeGreaterThan(30);
    await customerMediaFlows(callId);
  }, 30_000);

  it("stops the agent's audio while muted", async () => {
    expect(await callInPage(phone.page, 'mute', { direction: 'out' })).toMatchObject({ code: 0 });
    await phone.waitForEvent('callMuted');
    await customerMediaStops(callId, 800);
    expect(await callInPage(phone.page, 'unmute', { direction: 'out' })).toMatchObject({ code: 0 });
    await phone.waitForEvent('callUnmuted');
    await customerMediaFlows(callId);
  }, 20_000);

  it('hangs up with sipUnlink, and the simulator sees the hang-up', async () => {
    expect(await callInPage(phone.page, 'sipUnlink')).toEqual({ action: 'sipUnlinkResp', code: 0, message: 'ok' });
    expect(await phone.waitForEvent('sipSessionTerminate', { callId })).toMatchObject({
      originator: 'local',
      answered: true,
      cause: 'Terminated',
    });
    await phone.waitForEvent('sessionTerminate', { callId });
    await expect.poll(async () => sim.call(callId), { timeout: 5_000 }).toBeUndefined();
    await expect.poll(() => phone.audioLog).toContain('[AgentSDK audio] pause');
    expect(await callInPage(phone.page, 'sipUnlink')).toMatchObject({ error: { name: 'AgentSdkError', code: 'SIP_NOT_AVAILABLE' } });
  }, 20_000);

  it('answers sipLink with SIP_NOT_AVAILABLE when no call rings', async () => {
    const started = Date.now();
    const refused = await callInPage(phone.page, 'sipLink');
    expect(refused).toMatchObject({ error: { name: 'AgentSdkError', code: 'SIP_NOT_AVAILABLE' } });
    expect(refused.error.message).toContain('no call is ringing');
    expect(Date.now() - started).toBeLessThan(6_000);
  }, 10_000);

  it('places a preview outbound call through the softphone', async () => {
    const response = await callInPage(phone.page, 'previewObCall', { customerNumber: '13900139000' });
    expect(response).toMatchObject({ code: 0 });
    const sipLink = await callInPage(phone.page, 'sipLink');
    expect(sipLink).toMatchObject({ code: 0 });
    await phone.waitForEvent('sipSessionInit', { callId: response.callId });
    await phone.waitForEvent('previewObCallBridge', {}, 10_000);
    expect(await callInPage(phone.page, 'sipUnlink')).toMatchObject({ code: 0 });
    await phone.waitForEvent('sessionTerminate', { callId: response.callId });
  }, 30_000);

  it('stops the softphone at logout: the endpoint is no longer reachable', async () => {
    expect(await callInPage(phone.page, 'logout', { logoutMode: 1 })).toMatchObject({ code: 0 });
    await phone.waitForEvent('softphoneState', { state: 'off' });
    await expect
      .poll(() => gateway.services.telephony.isReachable('demo', { kind: 'softphone', address: '1001', party: 'agent' }))
      .toBe(false);
    expect(phone.problems).toEqual([]);
  }, 20_000);
});
