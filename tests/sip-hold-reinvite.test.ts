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
import { formatResponse, header, parseCSeq, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { closeClients, signIn } from './helpers/agent-client.js';
import { gatewayRtpPorts, sleep } from './helpers/baresip.js';
import { RtpTonePeer, toneFrequency } from './helpers/sip-rtp-peer.js';
import { isRequest, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let carrier: SipSocket;
let sipPort: number;
beforeAll(async () => {
  carrier = await SipSocket.open();
  gateway = await startTestGateway({ tenants: [await sipTenant({ carrierPort: carrier.port })], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  sipPort = gateway.sip!.address.port;
});
afterEach(closeClients);
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

function carrierSdp(direction: string): string {
  return ['v=0', 'o=carrier 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${carrier.port + 2} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', `a=${direction}`, ''].join('\r\n');
}

function answer(invite: SipRequest, tag: string, direction = 'sendrecv', sdp = carrierSdp(direction)): void {
  carrier.send(formatResponse(invite, 200, 'OK', [['Contact', `<sip:carrier@127.0.0.1:${carrier.port}>`], ['Content-Type', 'application/sdp']], sdp, tag), sipPort);
}

async function nextInvite(to: string, mark: number): Promise<SipRequest> {
  return (await carrier.next((m) => isRequest('INVITE')(m) && header(m, 'to')!.includes(to), mark, 10_000)).message as SipRequest;
}

async function ackOf(invite: SipRequest, mark: number): Promise<SipRequest> {
  const seq = parseCSeq(invite)!.seq;
  return (await carrier.next((m) => isRequest('ACK')(m) && header(m, 'call-id') === header(invite, 'call-id') && header(m, 'cseq') === `${seq} ACK`, mark)).message as SipRequest;
}

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

      let mark = carrier.received.length;
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

      mark = carrier.received.length;
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

    const mark = carrier.received.length;
    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
    const holdInvite = await nextInvite('13900000002', mark);
    // The carrier's own re-INVITE crosses the gateway's: both get 491.
    const crossing = formatCrossingReinvite(customerInvite);
    carrier.send(crossing, sipPort);
    const refused = await carrier.next((m) => m.kind === 'response' && header(m, 'cseq') === '77 INVITE', mark);
    expect(refused.message).toMatchObject({ status: 491 });
    carrier.send(formatResponse(holdInvite, 491, 'Request Pending', [], '', 'customer2'), sipPort);
    await ackOf(holdInvite, mark);
    const retried = await nextInvite('13900000002', carrier.received.length);
    expect(parse(retried.body).media[0]!.direction).toBe('sendonly');
    answer(retried, 'customer2', 'recvonly');
    await ackOf(retried, mark);

    expect(await agent.sdk.unlink({ side: 1 })).toMatchObject({ code: 0 });
    await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
  });
});

/** The carrier's re-INVITE in the dialog the gateway's INVITE created (From/To swapped, its own CSeq 77). */
function formatCrossingReinvite(invite: SipRequest): string {
  const gatewayFrom = header(invite, 'from')!;
  return [
    `INVITE ${/<([^>]+)>/.exec(header(invite, 'contact')!)![1]} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${carrier.port};branch=z9hG4bKcrossing;rport`,
    `From: <${/<([^>]+)>/.exec(header(invite, 'to')!)![1]}>;tag=customer2`,
    `To: ${gatewayFrom}`,
    `Call-ID: ${header(invite, 'call-id')}`,
    'CSeq: 77 INVITE',
    `Contact: <sip:carrier@127.0.0.1:${carrier.port}>`,
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(carrierSdp('sendonly'))}`,
    '',
    carrierSdp('sendonly'),
  ].join('\r\n');
}
