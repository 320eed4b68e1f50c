/**
 * An answered SIP leg whose far end sends no RTP ends after the media timeout: a raw SIP caller reaches a DID, the
 * gateway answers it (the call waits in its queue, no agent is signed in) and, without a single RTP packet from the
 * caller, sends BYE once `mediaTimeoutMs` has passed. A caller whose offer says it will not send (`recvonly`, as when
 * the far end's own side is on hold) is not timed out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRequest, header, type SipResponse } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { isRequest, isResponse, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let caller: SipSocket;
beforeAll(async () => {
  gateway = await startTestGateway({
    tenants: [await sipTenant({ carrierPort: 9 })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
    mediaTimeoutMs: 1_000,
  });
  caller = await SipSocket.open();
});
afterAll(async () => {
  caller.close();
  await gateway.close();
});

describe('the media timeout', () => {
  it('ends an answered leg that sends no RTP with a BYE', async () => {
    const { toTag, answeredAt } = await placeCall('media-timeout', 'sendrecv');
    const bye = await caller.next(isRequest('BYE'), 0, 10_000);
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(900);
    expect(header(bye.message, 'call-id')).toBe('media-timeout@127.0.0.1');
    expect(header(bye.message, 'from')).toContain(toTag);
  });

  it('keeps a leg whose far end said it sends nothing (recvonly), and answers it sendonly', async () => {
    const mark = caller.received.length;
    const { ok } = await placeCall('listen-only', 'recvonly', mark);
    expect(ok.body).toMatch(/a=sendonly/);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(
      caller.received
        .slice(mark)
        .some(({ message }) => isRequest('BYE')(message) && header(message, 'call-id') === 'listen-only@127.0.0.1'),
    ).toBe(false);
  });
});

/** A raw caller's INVITE to the DID, answered (it waits in the queue) and ACKed; it never sends RTP. */
async function placeCall(
  name: string,
  direction: 'sendrecv' | 'recvonly',
  fromIndex = 0,
): Promise<{ ok: SipResponse; toTag: string; answeredAt: number }> {
  const sipPort = gateway.sip!.address.port;
  const sdp = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${caller.port + 2} RTP/AVP 0 101`,
    'a=rtpmap:101 telephone-event/8000',
    `a=${direction}`,
    '',
  ].join('\r\n');
  const common = (method: string, branch: string, toTag = '') =>
    [
      ['Via', `SIP/2.0/UDP 127.0.0.1:${caller.port};branch=${branch};rport`],
      ['Max-Forwards', '70'],
      ['From', `<sip:13800138020@127.0.0.1>;tag=${name}`],
      ['To', `<sip:02088880000@127.0.0.1>${toTag}`],
      ['Call-ID', `${name}@127.0.0.1`],
      ['CSeq', `1 ${method}`],
    ] as const;
  caller.send(
    formatRequest(
      'INVITE',
      `sip:02088880000@127.0.0.1:${sipPort}`,
      [
        ...common('INVITE', `z9hG4bK${name}1`),
        ['Contact', `<sip:13800138020@127.0.0.1:${caller.port}>`],
        ['Content-Type', 'application/sdp'],
      ],
      sdp,
    ),
    sipPort,
  );
  const ok = (await caller.next((m) => isResponse(200)(m) && header(m, 'call-id') === `${name}@127.0.0.1`, fromIndex, 10_000))
    .message as SipResponse;
  expect(ok.body).toMatch(/RTP\/AVP 0 101/);
  const toTag = /;tag=[^;]+/.exec(header(ok, 'to')!)![0];
  const answeredAt = Date.now();
  caller.send(formatRequest('ACK', `sip:gateway@127.0.0.1:${sipPort}`, common('ACK', `z9hG4bK${name}2`, toTag)), sipPort);
  return { ok, toTag, answeredAt };
}
