/**
 * Preview outbound from an agent on a desk phone (baresip, extension 8001) through the tenant's SIP trunk, whose
 * carrier is another baresip: the customer answers and both hear each other, or the carrier answers busy (486) or
 * does not know the number (404). The INVITE
 * presents the caller ID as its From user.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { callRecordOf } from './helpers/calls.js';
import { DESK_PHONE_PASSWORD, sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let carrier: Baresip;
let desk: Baresip;

beforeAll(async () => {
  // The carrier answers 13900000001, declines 13900000002 (486), and knows no other number (404).
  carrier = await Baresip.start({
    user: '13900000001',
    toneHz: 1000,
    accountParams: 'regint=0;answermode=auto',
    moreAccounts: [{ user: '13900000002', accountParams: 'regint=0;answermode=manual' }],
  });
  gateway = await startTestGateway({
    tenants: [await sipTenant({ carrierPort: carrier.sipPort })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
  });
  desk = await Baresip.start({
    user: '8001',
    toneHz: 440,
    registrar: `127.0.0.1:${gateway.sip!.address.port}`,
    accountParams: `auth_user=demo-8001;auth_pass=${DESK_PHONE_PASSWORD};regint=600;answermode=auto`,
  });
  await desk.registered();
});
afterEach(closeClients);
afterAll(async () => {
  await releasePhones();
  await gateway.close();
});

describe('preview outbound through a SIP trunk', () => {
  it('rings the desk phone, then the customer through the carrier; both hear each other', async () => {
    const agent = await signIn(gateway, '1001', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const carrierMark = carrier.events.length;
    const deskMark = desk.events.length;
    const response = await agent.sdk.previewObCall({ customerNumber: '13900000001', obClid: '02188880000' });
    if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);
    await agent.log.waitFor('previewObCallBridge', () => true, 0, 10_000);
    const answered = await carrier.waitForEvent('CALL_ESTABLISHED', carrierMark);
    expect(answered.peeruri).toMatch(/^sip:02188880000@127\.0\.0\.1/);
    await desk.waitForEvent('CALL_ESTABLISHED', deskMark);
    await sleep(3_000);

    expect(await agent.sdk.unlink({ side: 1 })).toMatchObject({ code: 0 });
    await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
    await carrier.waitForEvent('CALL_CLOSED', carrierMark);
    await desk.waitForEvent('CALL_CLOSED', deskMark);
    await sleep(300);

    const heardByCustomer = carrier.heard(0.5);
    const heardByAgent = desk.heard(0.5);
    expect(heardByCustomer.seconds).toBeGreaterThan(1.5);
    expect(heardByCustomer.frequency).toBeGreaterThan(400);
    expect(heardByCustomer.frequency).toBeLessThan(480);
    expect(heardByAgent.seconds).toBeGreaterThan(1.5);
    expect(heardByAgent.frequency).toBeGreaterThan(940);
    expect(heardByAgent.frequency).toBeLessThan(1060);
    const record = await callRecordOf(gateway, response.callId);
    expect(record).toMatchObject({ callType: 4, customerNumber: '13900000001', callerId: '02188880000', outcome: 'completed' });
    // Legs the gateway hung up keep their RTP counters too.
    for (const leg of record.legs) {
      expect(leg.media).toMatchObject({ packetsLost: 0 });
      expect(leg.media.packetsSent).toBeGreaterThan(100);
      expect(leg.media.packetsReceived).toBeGreaterThan(100);
    }
  });

  it('reports a carrier that answers 486 as a busy customer', async () => {
    const agent = await signIn(gateway, '1002', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const carrierMark = carrier.events.length;
    const response = await agent.sdk.previewObCall({ customerNumber: '13900000002', obClid: '02188880000' });
    if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);
    await carrier.waitForEvent('CALL_INCOMING', carrierMark);
    await carrier.hangup(); // baresip declines a ringing call with 486
    expect(await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000)).toMatchObject({
      reason: 'customerBusy',
      outcome: 'customerBusy',
    });
    const record = await callRecordOf(gateway, response.callId);
    expect(record.legs.map((leg: any) => [leg.number, leg.endCause])).toContainEqual(['13900000002', 'busy']);
  });

  it('reports a number the carrier does not know (404) as invalid', async () => {
    const agent = await signIn(gateway, '1003', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    expect(await agent.sdk.previewObCall({ customerNumber: '13900000009', obClid: '02188880000' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000)).toMatchObject({
      reason: 'invalidNumber',
      outcome: 'invalidNumber',
    });
  });
});
