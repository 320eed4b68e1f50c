/**
 * A trunk with `register: true`: the gateway registers the trunk's username with the carrier (a raw SIP socket here),
 * answers its digest challenge, and refreshes the registration before the granted expiry runs out.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDigest } from '../packages/gateway/src/adapters/webrtc-edge/sip-headers.js';
import { formatResponse, header, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { isRequest, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const CREDENTIALS = { username: 'tenant-demo', password: 'carrier-secret' };

let gateway: TestGateway;
let carrier: SipSocket;
beforeAll(async () => {
  carrier = await SipSocket.open();
  gateway = await startTestGateway({
    tenants: [await sipTenant({ carrierPort: carrier.port, trunkCredentials: CREDENTIALS, register: true })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
  });
});
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

describe('registering with a carrier', () => {
  it('registers with digest credentials and refreshes before the registration expires', async () => {
    const sipPort = gateway.sip!.address.port;
    const first = (await carrier.next(isRequest('REGISTER'))).message as SipRequest;
    expect(first.uri).toBe(`sip:127.0.0.1:${carrier.port}`);
    expect(header(first, 'to')).toBe(`<sip:${CREDENTIALS.username}@127.0.0.1>`);
    expect(header(first, 'contact')).toBe(`<sip:${CREDENTIALS.username}@127.0.0.1:${sipPort}>`);
    let mark = carrier.received.length;
    carrier.send(
      formatResponse(
        first,
        401,
        'Unauthorized',
        [['WWW-Authenticate', 'Digest realm="carrier.test", nonce="n1", algorithm=MD5']],
        '',
        'r1',
      ),
      sipPort,
    );

    const authorized = (await carrier.next((m) => isRequest('REGISTER')(m) && header(m, 'authorization') !== undefined, mark))
      .message as SipRequest;
    const digest = parseDigest(header(authorized, 'authorization')!)!;
    const expected = md5(`${md5(`${CREDENTIALS.username}:carrier.test:${CREDENTIALS.password}`)}:n1:${md5(`REGISTER:${digest.uri}`)}`);
    expect(digest.response).toBe(expected);
    expect(header(authorized, 'call-id')).toBe(header(first, 'call-id'));
    mark = carrier.received.length;
    carrier.send(formatResponse(authorized, 200, 'OK', [['Contact', `${header(authorized, 'contact')};expires=2`]], '', 'r1'), sipPort);

    // Granted 2 s, the gateway registers again before they run out, in the same Call-ID with a higher CSeq.
    const refresh = (await carrier.next(isRequest('REGISTER'), mark, 5_000)).message as SipRequest;
    expect(header(refresh, 'call-id')).toBe(header(first, 'call-id'));
    expect(Number(header(refresh, 'cseq')!.split(' ')[0])).toBeGreaterThan(Number(header(authorized, 'cseq')!.split(' ')[0]));
  });
});
