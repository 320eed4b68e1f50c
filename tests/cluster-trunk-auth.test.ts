/**
 * The cluster trunk's door (docs/security.md, "Trust between nodes"): an INVITE naming a phone is taken only with the
 * cluster secret's digest answer, even from an address that is a trunk's; a wrong answer is refused and counted, a
 * phone named wrongly or registered nowhere here is refused, and a node without the secret takes no such INVITE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerChallenge } from '../packages/gateway/src/adapters/sip/digest-client.js';
import { header, type SipResponse } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { scrape } from './helpers/metrics.js';
import { SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const SECRET = 'the-cluster-secret';
const CLUSTER_USER = 'agent-gateway-cluster';
let node: TestGateway;
let nodeWithoutSecret: TestGateway;
let peer: SipSocket;

beforeAll(async () => {
  // The tenant's trunk takes INVITEs from 127.0.0.1: the peer's address is a trunk's, and still proves nothing.
  const tenants = [await sipTenant({ carrierPort: 9 })];
  node = await startTestGateway({ tenants, sipPort: 0, rtpPorts: gatewayRtpPorts(), clusterSecret: SECRET });
  nodeWithoutSecret = await startTestGateway({ tenants, sipPort: 0, rtpPorts: gatewayRtpPorts() });
  peer = await SipSocket.open();
});
afterAll(async () => {
  peer.close();
  await Promise.all([node.close(), nodeWithoutSecret.close()]);
});

let sequence = 0;

/** Sends an INVITE from "another node" naming `phone`, with `authorization` if given; returns its final response. */
async function invite(target: TestGateway, phone: string, authorization?: readonly [string, string]): Promise<SipResponse> {
  sequence += 1;
  const port = target.sip!.address.port;
  const uri = `sip:8001@127.0.0.1:${port}`;
  const callId = `cluster-${sequence}@127.0.0.1`;
  const mark = peer.received.length;
  peer.send(
    [
      `INVITE ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bKcluster${sequence};rport`,
      'Max-Forwards: 70',
      `From: <sip:13800138000@127.0.0.1>;tag=c${sequence}`,
      `To: <${uri}>`,
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      `Contact: <sip:node@127.0.0.1:${peer.port}>`,
      `Agent-Gateway-Phone: ${phone}`,
      ...(authorization ? [`${authorization[0]}: ${authorization[1]}`] : []),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
    port,
  );
  const { message } = await peer.next(
    (response) => response.kind === 'response' && response.status >= 200 && header(response, 'call-id') === callId,
    mark,
  );
  return message as SipResponse;
}

/** The INVITE again, answering the challenge of its 401 with `password`. */
async function inviteAnswering(target: TestGateway, phone: string, password: string): Promise<SipResponse> {
  const challenge = await invite(target, phone);
  expect(challenge.status).toBe(401);
  const uri = `sip:8001@127.0.0.1:${target.sip!.address.port}`;
  const answer = answerChallenge(401, header(challenge, 'www-authenticate'), 'INVITE', uri, { username: CLUSTER_USER, password });
  if (!answer) throw new Error('the challenge could not be answered');
  return invite(target, phone, [answer.header, answer.value]);
}

const refusedFor = async (reason: string) =>
  (await scrape(node)).find((sample) => sample.name === 'agent_gateway_sip_refused_total' && sample.labels.reason === reason)?.value ?? 0;

describe('the cluster trunk', () => {
  const phone = 'extension;tenant=demo;address=8001';

  it('challenges an INVITE naming a phone, and refuses a wrong answer as bad credentials', async () => {
    const before = await refusedFor('badCredentials');
    expect((await inviteAnswering(node, phone, 'not-the-secret')).status).toBe(403);
    expect(await refusedFor('badCredentials')).toBe(before + 1);
  });

  it('answers the right secret for a phone registered nowhere here with 404', async () => {
    expect((await inviteAnswering(node, phone, SECRET)).status).toBe(404);
  });

  it('refuses a phone named wrongly with 400', async () => {
    for (const wrong of [
      'pstn;tenant=demo;address=13800138000',
      'extension;tenant=demo',
      'extension;address=8001',
      'extension;tenant=%E0%A4%A;address=8001',
    ])
      expect((await inviteAnswering(node, wrong, SECRET)).status).toBe(400);
  });

  it('is closed on a node without the secret', async () => {
    expect((await invite(nodeWithoutSecret, phone)).status).toBe(403);
  });
});
