/**
 * Hostile SIP on the gateway's UDP port: garbage, mutated and truncated messages, an oversized datagram, a flood of
 * requests, INVITEs from an address that is no trunk's, REGISTERs with wrong credentials. Each is dropped or refused
 * and counted in /metrics; none makes a call, and the gateway keeps serving SIP and HTTP.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header, type SipResponse } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { scrape } from './helpers/metrics.js';
import { isResponse, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let peer: SipSocket;
let sipPort: number;
beforeAll(async () => {
  // No trunk: 127.0.0.1 is nobody's carrier here, so its requests are flood-controlled and its INVITEs refused.
  const tenant = { ...(await sipTenant({ carrierPort: 9 })), trunks: [] };
  gateway = await startTestGateway({ tenants: [tenant], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  sipPort = gateway.sip!.address.port;
  peer = await SipSocket.open();
});
afterAll(async () => {
  peer.close();
  await gateway.close();
});

function request(method: string, branch: string, extra: string[] = [], body = ''): string {
  return [
    `${method} sip:02088880000@127.0.0.1:${sipPort} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bK${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:13800138000@127.0.0.1>;tag=${branch}`,
    `To: <sip:02088880000@127.0.0.1>`,
    `Call-ID: ${branch}@127.0.0.1`,
    `CSeq: 1 ${method}`,
    `Contact: <sip:13800138000@127.0.0.1:${peer.port}>`,
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/**
 * Sends a request again and again, as a UDP client retransmits, until a response of its Call-ID arrives (the flood
 * control may hold the first copies back for a moment), and returns that response.
 */
async function sendUntilAnswered(text: string, callId: string): Promise<SipResponse> {
  const mark = peer.received.length;
  const answer = () =>
    peer.received
      .slice(mark)
      .find(({ message }) => message.kind === 'response' && message.status >= 200 && header(message, 'call-id') === `${callId}@127.0.0.1`);
  await expect
    .poll(
      () => {
        if (!answer()) peer.send(text, sipPort);
        return answer() !== undefined;
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBe(true);
  return answer()!.message as SipResponse;
}

async function stillAnswersOptions(callId: string): Promise<void> {
  expect((await sendUntilAnswered(request('OPTIONS', callId), callId)).status).toBe(200);
}

const refused = async (reason: string) =>
  (await scrape(gateway)).find((sample) => sample.name === 'agent_gateway_sip_refused_total' && sample.labels.reason === reason)?.value ??
  0;

describe('hostile SIP on the UDP port', () => {
  it('drops garbage and mutated messages, and still answers OPTIONS', async () => {
    const valid = Buffer.from(request('INVITE', 'fuzzbase'));
    const mutations = fc.sample(
      fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 1_500 }).map((bytes) => Buffer.from(bytes)),
        fc
          .tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }))
          .map(([at, byte]) => Buffer.from(valid.map((value, i) => (i === at ? byte : value)))),
        fc.nat(valid.length - 1).map((cut) => valid.subarray(0, cut)),
        fc.string({ maxLength: 300 }).map((text) => Buffer.from(`INVITE ${text} SIP/2.0\r\n${text}\r\n\r\n`)),
      ),
      { numRuns: 400, seed: 11 },
    );
    peer.send(Buffer.alloc(20_000, 'A'), sipPort);
    await expect.poll(() => refused('oversized'), { timeout: 10_000 }).toBe(1);
    for (const [index, datagram] of mutations.entries()) {
      peer.send(datagram, sipPort);
      if (index % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 5));
    }

    await stillAnswersOptions('alive');
    await expect.poll(() => refused('malformed'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await gateway.api('GET', '/healthz')).status).toBe(200);
  });

  it("refuses an INVITE from an address that is no trunk's with 403, and makes no call", async () => {
    const before = await refused('unknownSource');
    const sdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0', ''].join('\r\n');
    expect((await sendUntilAnswered(request('INVITE', 'stranger', ['Content-Type: application/sdp'], sdp), 'stranger')).status).toBe(403);
    expect(await refused('unknownSource')).toBe(before + 1);
    expect((await gateway.api('GET', '/api/v1/tenants/demo/sim/calls')).body.calls).toEqual([]);
  });

  it('refuses a REGISTER with a wrong desk phone password', async () => {
    const before = await refused('badCredentials');
    const authorization =
      'Authorization: Digest username="demo-8001", realm="agentsdk", nonce="x.y", uri="sip:127.0.0.1", response="00000000000000000000000000000000"';
    expect((await sendUntilAnswered(request('REGISTER', 'wrongpass', [authorization]), 'wrongpass')).status).toBe(403);
    expect(await refused('badCredentials')).toBe(before + 1);
  });

  it('drops a flood of requests from one address beyond its rate, and serves it again afterwards', async () => {
    const before = await refused('flood');
    const mark = peer.received.length;
    // Bursts of 30 every 50 ms (600 a second, beyond the 50 allowed) until the gateway counts a flood.
    let sent = 0;
    await expect
      .poll(
        async () => {
          for (let i = 0; i < 30; i++) peer.send(request('OPTIONS', `flood-${sent++}`), sipPort);
          return refused('flood');
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBeGreaterThan(before);
    const answered = peer.received.slice(mark).filter(({ message }) => isResponse(200)(message)).length;
    expect(answered).toBeLessThan(sent);
    await stillAnswersOptions('after-flood');
  });
});
