/**
 * OPTIONS keep-alives toward a UDP trunk: the gateway asks the carrier (a raw SIP socket) again and again, and reports
 * the trunk up in /metrics once it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatResponse, header, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { scrape } from './helpers/metrics.js';
import { isRequest, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let carrier: SipSocket;
beforeAll(async () => {
  carrier = await SipSocket.open();
  gateway = await startTestGateway({
    tenants: [await sipTenant({ carrierPort: carrier.port })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
    trunkKeepAliveMs: 300,
  });
});
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

const trunkUp = async () =>
  (await scrape(gateway)).find(
    (sample) => sample.name === 'agent_gateway_sip_trunk_up' && sample.labels.tenant === 'demo' && sample.labels.trunk === 'carrier-a',
  )?.value;

describe('trunk keep-alives', () => {
  it('sends OPTIONS periodically and reports the trunk up once it answers', async () => {
    const first = (await carrier.next(isRequest('OPTIONS'))).message as SipRequest;
    expect(first.uri).toBe(`sip:127.0.0.1:${carrier.port}`);
    expect(await trunkUp()).toBeUndefined();
    carrier.send(formatResponse(first, 200, 'OK'), gateway.sip!.address.port);
    await expect.poll(trunkUp, { timeout: 5_000 }).toBe(1);
    // The next probe is a new request (a new CSeq), not a retransmission of the first.
    await carrier.next((m) => isRequest('OPTIONS')(m) && header(m, 'cseq') !== header(first, 'cseq'), 0, 5_000);
  });
});
