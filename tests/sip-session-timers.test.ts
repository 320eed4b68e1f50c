/**
 * RFC 4028 session timers on SIP legs, against a raw carrier of the test (baresip 1.0.0 has none). The gateway asks
 * for an interval (Session-Expires, Min-SE, Supported: timer), takes a 422's longer Min-SE, refreshes by re-INVITE
 * (the SDP unchanged) when it is the refresher, accepts the carrier's UPDATE refreshes, refuses intervals below its
 * Min-SE with 422, and ends a leg whose session expired without a refresh. The intervals are seconds here
 * (GatewayOptions.sipSessionTimer) so the test runs quickly.
 */
import { parse } from 'sdp-transform';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { header, parseCSeq, type SipResponse } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { closeClients, signIn } from './helpers/agent-client.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { RawCarrier } from './helpers/sip-carrier.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let carrier: RawCarrier;
beforeAll(async () => {
  carrier = await RawCarrier.open();
  gateway = await startTestGateway({
    tenants: [await sipTenant({ carrierPort: carrier.port })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
    sipSessionTimer: { expiresS: 4, minExpiresS: 2 },
  });
});
afterEach(closeClients);
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

/** An agent's preview call whose customer leg the carrier answers without timers; the agent's INVITE is returned unanswered. */
async function previewCall(agentNo: string, customerNumber: string) {
  const agent = await signIn(gateway, agentNo);
  const mark = carrier.mark;
  expect(await agent.sdk.previewObCall({ customerNumber, obClid: '02188880000' })).toMatchObject({ code: 0 });
  const agentInvite = await carrier.nextInvite(`1360000${agentNo}`, mark);
  return { agent, agentInvite, mark };
}

async function answerCustomer(customerNumber: string, mark: number): Promise<void> {
  const invite = await carrier.nextInvite(customerNumber, mark);
  carrier.respond(invite, 200, 'OK', `c${customerNumber}`);
}

describe('session timers', () => {
  it("asks for an interval, takes a 422's longer Min-SE, and refreshes by re-INVITE as the refresher", async () => {
    const { agent, agentInvite, mark } = await previewCall('1001', '13900000001');
    expect(header(agentInvite, 'supported')).toMatch(/\btimer\b/);
    expect(header(agentInvite, 'session-expires')).toBe('4');
    expect(header(agentInvite, 'min-se')).toBe('2');

    carrier.respond(agentInvite, 422, 'Session Interval Too Small', 'a1', [['Min-SE', '6']]);
    await carrier.ackOf(agentInvite, mark);
    const retried = await carrier.nextInvite('13600001001', carrier.mark);
    expect(header(retried, 'session-expires')).toBe('6');
    expect(header(retried, 'min-se')).toBe('6');
    expect(parseCSeq(retried)!.seq).toBe(parseCSeq(agentInvite)!.seq + 1);
    expect(header(retried, 'call-id')).toBe(header(agentInvite, 'call-id'));

    carrier.respond(retried, 200, 'OK', 'a1', [
      ['Session-Expires', '6;refresher=uac'],
      ['Require', 'timer'],
    ]);
    await carrier.ackOf(retried, mark);
    await answerCustomer('13900000001', mark);
    await agent.log.waitFor('previewObCallBridge', () => true, 0, 10_000);

    // Twice at half the interval: each 200 starts the interval again.
    for (let refresh = 1; refresh <= 2; refresh++) {
      const before = carrier.mark;
      const reinvite = await carrier.nextInDialog(retried, 'INVITE', before, 6_000);
      expect(header(reinvite, 'session-expires')).toBe('6;refresher=uac');
      // Nothing changed in the media: the SDP's version stays (RFC 3264 §8).
      expect(parse(reinvite.body).origin!.sessionVersion).toBe(parse(retried.body).origin!.sessionVersion);
      expect(parse(reinvite.body).media[0]!.direction).toBe('sendrecv');
      carrier.respond(reinvite, 200, 'OK', 'a1', [['Session-Expires', '6;refresher=uac']]);
      await carrier.ackOf(reinvite, before);
    }
    expect(await agent.sdk.unlink({ side: 1 })).toMatchObject({ code: 0 });
    await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
  });

  it("takes the carrier's UPDATE refreshes, refuses a too short one with 422, and ends the leg when they stop", async () => {
    const { agent, agentInvite, mark } = await previewCall('1002', '13900000002');
    carrier.respond(agentInvite, 200, 'OK', 'a2', [
      ['Session-Expires', '3;refresher=uas'],
      ['Require', 'timer'],
    ]);
    await carrier.ackOf(agentInvite, mark);
    await answerCustomer('13900000002', mark);
    await agent.log.waitFor('previewObCallBridge', () => true, 0, 10_000);

    let before = carrier.mark;
    carrier.sendInDialog(
      agentInvite,
      'UPDATE',
      'a2',
      [
        ['Session-Expires', '1;refresher=uac'],
        ['Supported', 'timer'],
      ],
      '',
      201,
    );
    const tooShort = (await carrier.responseTo('UPDATE', 201, before)) as SipResponse;
    expect(tooShort.status).toBe(422);
    expect(header(tooShort, 'min-se')).toBe('2');

    before = carrier.mark;
    carrier.sendInDialog(
      agentInvite,
      'UPDATE',
      'a2',
      [
        ['Session-Expires', '3;refresher=uac'],
        ['Supported', 'timer'],
      ],
      '',
      202,
    );
    const refreshed = (await carrier.responseTo('UPDATE', 202, before)) as SipResponse;
    const refreshedAt = Date.now();
    expect(refreshed.status).toBe(200);
    expect(header(refreshed, 'session-expires')).toBe('3;refresher=uac');

    // No more refreshes: the gateway ends the dialog before the interval runs out (3 s − 1 s after the refresh).
    const bye = await carrier.nextInDialog(agentInvite, 'BYE', before, 8_000);
    expect(Date.now() - refreshedAt).toBeGreaterThanOrEqual(1_500);
    carrier.respond(bye, 200, 'OK', 'a2');
    await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
  });

  it('answers an INVITE asking for an interval below its Min-SE with 422', async () => {
    const before = carrier.mark;
    const invite = [
      `INVITE sip:02088880000@127.0.0.1:${gateway.sip!.address.port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${carrier.port};branch=z9hG4bKshort1;rport`,
      'From: <sip:13800138099@127.0.0.1>;tag=short',
      'To: <sip:02088880000@127.0.0.1>',
      'Call-ID: session-too-short@test',
      'CSeq: 1 INVITE',
      `Contact: <sip:caller@127.0.0.1:${carrier.port}>`,
      'Supported: timer',
      'Session-Expires: 1',
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(carrier.sdp())}`,
      '',
      carrier.sdp(),
    ].join('\r\n');
    carrier.socket.send(invite, gateway.sip!.address.port);
    const refused = (await carrier.responseTo('INVITE', 1, before)) as SipResponse;
    const final =
      refused.status === 100
        ? ((await carrier.socket.next((m) => m.kind === 'response' && m.status >= 200, before)).message as SipResponse)
        : refused;
    expect(final.status).toBe(422);
    expect(header(final, 'min-se')).toBe('2');
  });
});
