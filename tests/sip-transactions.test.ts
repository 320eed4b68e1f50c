/**
 * RFC 3261 server transactions on the gateway's UDP port, seen from a raw SIP peer: a retransmitted INVITE is answered
 * with the same final response, a failure response to an INVITE is retransmitted (Timer G) until its ACK, and every
 * response goes back to the address and port the request came from (RFC 3581).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { isResponse, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let peer: SipSocket;
beforeAll(async () => {
  gateway = await startTestGateway({ tenants: [await sipTenant({ carrierPort: 9 })], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  peer = await SipSocket.open();
});
afterAll(async () => {
  peer.close();
  await gateway.close();
});

function request(method: string, callId: string, branch: string, number = '0000000'): string {
  return [
    `${method} sip:${number}@127.0.0.1:${gateway.sip!.address.port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:13800138060@127.0.0.1>;tag=${callId}`,
    `To: <sip:${number}@127.0.0.1>`,
    `Call-ID: ${callId}@127.0.0.1`,
    `CSeq: 1 ${method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

const of = (callId: string, status: number) => (m: Parameters<ReturnType<typeof isResponse>>[0]) =>
  isResponse(status)(m) && header(m, 'call-id') === `${callId}@127.0.0.1`;

describe('SIP server transactions over UDP', () => {
  it('retransmits a failure response to an INVITE until its ACK, and repeats it for a retransmitted INVITE', async () => {
    const port = gateway.sip!.address.port;
    peer.send(request('INVITE', 'unknown-did', 'z9hG4bKtx1'), port);
    const first = await peer.next(of('unknown-did', 404));
    expect(first.from.port).toBe(port);
    const firstIndex = peer.received.indexOf(first);
    // Not acknowledged: the 404 comes again (Timer G, T1 = 500 ms) with the same To tag.
    const again = await peer.next(of('unknown-did', 404), firstIndex + 1, 3_000);
    expect(header(again.message, 'to')).toBe(header(first.message, 'to'));

    peer.send(request('INVITE', 'unknown-did', 'z9hG4bKtx1'), port);
    await peer.next(of('unknown-did', 404), peer.received.indexOf(again) + 1);

    const ack = request('ACK', 'unknown-did', 'z9hG4bKtx1').replace(/^To: (.*)$/m, `To: ${header(first.message, 'to')}`);
    peer.send(ack, port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const count = peer.received.filter((entry) => of('unknown-did', 404)(entry.message)).length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(peer.received.filter((entry) => of('unknown-did', 404)(entry.message)).length).toBe(count);
  });

  it('answers a retransmitted OPTIONS with the same response, once per copy', async () => {
    const port = gateway.sip!.address.port;
    peer.send(request('OPTIONS', 'options-twice', 'z9hG4bKtx2'), port);
    peer.send(request('OPTIONS', 'options-twice', 'z9hG4bKtx2'), port);
    await expect.poll(() => peer.received.filter((entry) => of('options-twice', 200)(entry.message)).length).toBe(2);
    const [one, two] = peer.received.filter((entry) => of('options-twice', 200)(entry.message));
    expect(header(one!.message, 'to')).toBe(header(two!.message, 'to'));
  });
});
