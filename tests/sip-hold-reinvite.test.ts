/**
 * Hold toward a SIP far end: when the agent holds, the gateway re-INVITEs the customer's trunk leg with `a=sendonly`
 * (same RTP port, same codec, the SDP's version one higher), acknowledges the 200, and on unhold re-INVITEs back to
 * `a=sendrecv`. The carrier is a raw SIP socket of the test, which reads each offer, with raw RTP peers of its own
 * as the agent's phone (440 Hz) and the customer (1000 Hz): the held customer hears nothing and, silent as a held
 * phone, is heard by nobody; after the unhold each hears the other's tone again (tests/sip-call-control.test.ts does
 * the same with a baresip customer).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'sdp-transform';
import { header, parseCSeq, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { closeClients, signIn } from './helpers/agent-client.js';
import { gatewayRtpPorts, sleep } from './helpers/baresip.js';
import { RtpTonePeer, toneFrequency } from './helpers/sip-rtp-peer.js';
import { RawCarrier } from './helpers/sip-carrier.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let carrier: RawCarrier;
beforeAll(async () => {
  carrier = await RawCarrier.open();
  gateway = await startTestGateway({ tenants: [await sipTenant({ carrierPort: carrier.port })], sipPort: 0, rtpPorts: gatewayRtpPorts() });
});
afterEach(closeClients);
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

/** The carrier answers an INVITE 200 with an SDP (its own, or a tone peer's). */
function answer(invite: SipRequest, tag: string, direction = 'sendrecv', sdp = carrier.sdp(direction)): void {
  carrier.respond(invite, 200, 'OK', tag, [], sdp);
}

const nextInvite = (to: string, mark: number) => carrier.nextInvite(to, mark);
const ackOf = (invite: SipRequest, mark: number) => carrier.ackOf(invite, mark);

describe('hold toward a SIP far end', () => {
  it('re-INVITEs the held leg sendonly, then sendrecv, on the same port with the SDP version raised; the audio comes back', async () => {
    const agentPhone = await RtpTonePeer.open(440);
    const customerPhone = await RtpTonePeer.open(1000);
    try {
      const agent = await signIn(gateway, '1001');
      const response = await agent.sdk.previewObCall({ customerNumber: '13900000001', obClid: '02188880000' });
      if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);
      const agentInvite = await nextInvite('13600001001', 0);
      answer(agentInvite, 'agent', 'sendrecv', agentPhone.sdp());
      agentPhone.speakTo(agentInvite.body);
      const customerInvite = await nextInvite('13900000001', 0);
      answer(customerInvite, 'customer', 'sendrecv', customerPhone.sdp());
      customerPhone.speakTo(customerInvite.body);
      await agent.log.waitFor('previewObCallBridge', () => true, 0, 10_000);
      const initial = parse(customerInvite.body);
      await sleep(1_000);
      const talking = Date.now();

      let mark = carrier.mark;
      expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
      const holdInvite = await nextInvite('13900000001', mark);
      const held = parse(holdInvite.body);
      expect(header(holdInvite, 'call-id')).toBe(header(customerInvite, 'call-id'));
      expect(header(holdInvite, 'to')).toMatch(/;tag=customer/);
      expect(parseCSeq(holdInvite)!.seq).toBeGreaterThan(parseCSeq(customerInvite)!.seq);
      expect(held.media[0]!.direction).toBe('sendonly');
      expect(held.media[0]!.port).toBe(initial.media[0]!.port);
      expect(held.origin!.sessionId).toBe(initial.origin!.sessionId);
      expect(Number(held.origin!.sessionVersion)).toBeGreaterThan(Number(initial.origin!.sessionVersion));
      // The codec agreed (PCMU) and telephone-events, nothing else.
      expect(held.media[0]!.rtp.map((rtp) => rtp.codec)).toEqual(['PCMU', 'telephone-event']);
      answer(holdInvite, 'customer', 'recvonly', customerPhone.sdp('recvonly'));
      customerPhone.fallSilent();
      await ackOf(holdInvite, mark);
      const holding = Date.now();
      await sleep(1_200);

      mark = carrier.mark;
      expect(await agent.sdk.unhold()).toMatchObject({ code: 0 });
      const resumeInvite = await nextInvite('13900000001', mark);
      const resumed = parse(resumeInvite.body);
      expect(resumed.media[0]!.direction).toBe('sendrecv');
      expect(resumed.media[0]!.port).toBe(initial.media[0]!.port);
      expect(Number(resumed.origin!.sessionVersion)).toBe(Number(held.origin!.sessionVersion) + 1);
      expect(parseCSeq(resumeInvite)!.seq).toBe(parseCSeq(holdInvite)!.seq + 1);
      answer(resumeInvite, 'customer', 'sendrecv', customerPhone.sdp());
      customerPhone.resume();
      await ackOf(resumeInvite, mark);
      const resuming = Date.now();
      await sleep(1_200);

      // Before the hold each heard the other's tone; during it neither heard anything; after it, each again.
      expect(toneFrequency(customerPhone.heardBetween(talking - 600, talking))).toBeCloseTo(440, -2);
      expect(toneFrequency(agentPhone.heardBetween(talking - 600, talking))).toBeCloseTo(1000, -2);
      expect(customerPhone.heardBetween(holding + 300, holding + 1_100).length).toBe(0);
      expect(agentPhone.heardBetween(holding + 300, holding + 1_100).length).toBe(0);
      expect(toneFrequency(customerPhone.heardBetween(resuming + 300, resuming + 1_100))).toBeCloseTo(440, -2);
      expect(toneFrequency(agentPhone.heardBetween(resuming + 300, resuming + 1_100))).toBeCloseTo(1000, -2);

      expect(await agent.sdk.unlink({ side: 1 })).toMatchObject({ code: 0 });
      await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
    } finally {
      agentPhone.close();
      customerPhone.close();
    }
  });

  it('answers a far end re-INVITE that crosses its own with 491, and tries again', async () => {
    const agent = await signIn(gateway, '1002');
    const response = await agent.sdk.previewObCall({ customerNumber: '13900000002', obClid: '02188880000' });
    if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);
    answer(await nextInvite('13600001002', 0), 'agent2');
    const customerInvite = await nextInvite('13900000002', 0);
    answer(customerInvite, 'customer2');
    await agent.log.waitFor('previewObCallBridge', () => true, 0, 10_000);

    const mark = carrier.mark;
    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
    const holdInvite = await nextInvite('13900000002', mark);
    // The carrier's own re-INVITE crosses the gateway's: both get 491.
    carrier.sendInDialog(customerInvite, 'INVITE', 'customer2', [], carrier.sdp('sendonly'), 77);
    expect(await carrier.responseTo('INVITE', 77, mark)).toMatchObject({ status: 491 });
    carrier.respond(holdInvite, 491, 'Request Pending', 'customer2');
    await ackOf(holdInvite, mark);
    const retried = await nextInvite('13900000002', carrier.mark);
    expect(parse(retried.body).media[0]!.direction).toBe('sendonly');
    answer(retried, 'customer2', 'recvonly');
    await ackOf(retried, mark);

    expect(await agent.sdk.unlink({ side: 1 })).toMatchObject({ code: 0 });
    await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
  });
});
