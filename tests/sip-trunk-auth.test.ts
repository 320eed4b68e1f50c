/**
 * A carrier that demands digest authentication: the gateway's INVITE is challenged (407), and the gateway answers the
 * challenge with the trunk's credentials on a new INVITE, which the carrier checks before it declines the call (603
 * → customerRejected). The carrier is a raw SIP socket of the test; it also lets the first INVITE go unanswered for a
 * while, so the gateway's retransmission (RFC 3261 Timer A) is seen.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatResponse, header, parseCSeq, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { parseDigest } from '../packages/gateway/src/adapters/webrtc-edge/sip-headers.js';
import { closeClients, signIn } from './helpers/agent-client.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { callRecordOf } from './helpers/calls.js';
import { isRequest, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const CREDENTIALS = { username: 'tenant-demo', password: 'carrier-secret' };
const REALM = 'carrier.test';
const NONCE = 'c2VjcmV0LW5vbmNl';

let gateway: TestGateway;
let carrier: SipSocket;
beforeAll(async () => {
  carrier = await SipSocket.open();
  gateway = await startTestGateway({
    tenants: [await sipTenant({ carrierPort: carrier.port, trunkCredentials: CREDENTIALS })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
  });
});
afterEach(closeClients);
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

describe('a trunk that demands digest authentication', () => {
  it('answers the challenge with the trunk credentials', async () => {
    const sipPort = gateway.sip!.address.port;
    const agent = await signIn(gateway, '1001');
    const response = await agent.sdk.previewObCall({ customerNumber: '13900000001', obClid: '02188880000' });
    if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);

    const first = await carrier.next(isRequest('INVITE'), 0, 10_000);
    const invite = first.message as SipRequest;
    expect(first.from.port).toBe(sipPort);
    expect(header(invite, 'to')).toMatch(/13600001001/);
    const retransmitted = await carrier.next(
      (m) => isRequest('INVITE')(m) && header(m, 'via') === header(invite, 'via'),
      carrier.received.indexOf(first) + 1,
    );
    expect(header(retransmitted.message, 'cseq')).toBe(header(invite, 'cseq'));

    const mark = carrier.received.length;
    carrier.send(
      formatResponse(
        invite,
        407,
        'Proxy Authentication Required',
        [['Proxy-Authenticate', `Digest realm="${REALM}", nonce="${NONCE}", qop="auth", algorithm=MD5`]],
        '',
        'c1',
      ),
      sipPort,
    );
    const ack = await carrier.next(isRequest('ACK'), mark);
    expect(header(ack.message, 'via')).toBe(header(invite, 'via'));

    const second = (await carrier.next((m) => isRequest('INVITE')(m) && header(m, 'proxy-authorization') !== undefined, mark))
      .message as SipRequest;
    const digest = parseDigest(header(second, 'proxy-authorization')!)!;
    const ha1 = md5(`${CREDENTIALS.username}:${REALM}:${CREDENTIALS.password}`);
    const ha2 = md5(`INVITE:${digest.uri}`);
    expect(digest).toMatchObject({ username: CREDENTIALS.username, realm: REALM, nonce: NONCE, qop: 'auth' });
    expect(digest.response).toBe(md5(`${ha1}:${NONCE}:${digest.nc}:${digest.cnonce}:auth:${ha2}`));
    expect(header(second, 'call-id')).toBe(header(invite, 'call-id'));

    const answer = [
      'v=0',
      'o=carrier 1 1 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${carrier.port + 2} RTP/AVP 8`,
      'a=rtpmap:8 PCMA/8000',
      '',
    ].join('\r\n');
    carrier.send(
      formatResponse(
        second,
        200,
        'OK',
        [
          ['Contact', `<sip:agent@127.0.0.1:${carrier.port}>`],
          ['Content-Type', 'application/sdp'],
        ],
        answer,
        'c2',
      ),
      sipPort,
    );
    const ackOf2xx = await carrier.next((m) => isRequest('ACK')(m) && header(m, 'cseq') === `${parseCSeq(second)!.seq} ACK`, mark);
    expect((ackOf2xx.message as SipRequest).uri).toBe(`sip:agent@127.0.0.1:${carrier.port}`);

    const toCustomer = await carrier.next((m) => isRequest('INVITE')(m) && header(m, 'to')!.includes('13900000001'), mark, 10_000);
    const customerInvite = toCustomer.message as SipRequest;
    expect(header(customerInvite, 'from')).toMatch(/^"02188880000" <sip:02188880000@127\.0\.0\.1>;tag=/);
    const byeMark = carrier.received.length;
    carrier.send(formatResponse(customerInvite, 603, 'Decline', [], '', 'c3'), sipPort);
    const bye = await carrier.next(isRequest('BYE'), byeMark);
    expect(header(bye.message, 'call-id')).toBe(header(invite, 'call-id'));
    carrier.send(formatResponse(bye.message as SipRequest, 200, 'OK'), sipPort);
    expect(await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000)).toMatchObject({ reason: 'customerRejected' });
    expect(await callRecordOf(gateway, response.callId)).toMatchObject({ outcome: 'customerRejected' });
  });
});
