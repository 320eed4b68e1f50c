/**
 * SIP over TCP: a desk phone (baresip) registers its extension over TCP and is rung on its connection, while the
 * customer calls over UDP; both hear each other. A trunk whose transport is TCP is dialled on a connection the gateway
 * opens. A TCP connection that sends garbage is closed and counted, and the gateway keeps serving.
 */
import { connect, createServer, type Socket } from 'node:net';
import { formatResponse, header, parseSipMessage, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { scrape } from './helpers/metrics.js';
import { DESK_PHONE_PASSWORD, sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sipPort: number;
beforeAll(async () => {
  gateway = await startTestGateway({ tenants: [await sipTenant({ carrierPort: 9 })], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  sipPort = gateway.sip!.address.port;
});
afterEach(async () => {
  closeClients();
  await releasePhones();
});
afterAll(() => gateway.close());

describe('SIP over TCP', () => {
  it('rings a desk phone registered over TCP, and the customer on UDP hears it', async () => {
    const desk = await Baresip.start({
      user: '8001',
      toneHz: 440,
      registrar: `127.0.0.1:${sipPort};transport=tcp`,
      accountParams: `auth_user=demo-8001;auth_pass=${DESK_PHONE_PASSWORD};regint=600;answermode=auto`,
    });
    await desk.registered();
    expect(desk.log()).toMatch(/\{0\/TCP\/v4\} 200 OK/);
    const agent = await signIn(gateway, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const customer = await Baresip.start({ user: '13800138080', toneHz: 1000 });
    await customer.dial(`sip:02088880000@127.0.0.1:${sipPort}`);
    const { callId } = await agent.log.waitFor('callBridged', () => true, 0, 10_000);
    await desk.waitForEvent('CALL_ESTABLISHED');
    await sleep(2_500);
    await customer.hangup();
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId, 0, 10_000);
    await Promise.all([customer.stop(), desk.stop()]);

    expect(customer.heard(0.5).frequency).toBeGreaterThan(400);
    expect(customer.heard(0.5).frequency).toBeLessThan(480);
    expect(desk.heard(0.5).frequency).toBeGreaterThan(940);
    expect(desk.heard(0.5).frequency).toBeLessThan(1060);
  });

  it('closes a TCP connection that sends garbage, and counts it', async () => {
    const socket = connect(sipPort, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write('HELLO\r\nnot: sip\r\n\r\n');
    await closed;
    const malformed = (await scrape(gateway)).find(
      (sample) => sample.name === 'agent_gateway_sip_refused_total' && sample.labels.reason === 'malformed',
    );
    expect(malformed?.value).toBeGreaterThan(0);
  });
});

describe('a trunk over TCP', () => {
  it('dials the carrier on a TCP connection and maps its 486 to a busy customer', async () => {
    const requests: SipRequest[] = [];
    const carrier = createServer((socket: Socket) => {
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString();
        for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
          const length = Number(/content-length:\s*(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
          if (buffered.length < end + 4 + length) return;
          const message = parseSipMessage(buffered.slice(0, end + 4 + length));
          buffered = buffered.slice(end + 4 + length);
          if (message?.kind !== 'request') continue;
          requests.push(message);
          if (message.method === 'INVITE' && header(message, 'to')!.includes('13600001001')) {
            // The agent's mobile (endpointType 1) answers.
            const sdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0', ''].join('\r\n');
            socket.write(
              formatResponse(
                message,
                200,
                'OK',
                [
                  ['Contact', '<sip:agent@127.0.0.1;transport=tcp>'],
                  ['Content-Type', 'application/sdp'],
                ],
                sdp,
                'a1',
              ),
            );
          } else if (message.method === 'INVITE') socket.write(formatResponse(message, 486, 'Busy Here', [], '', 'c1'));
          else if (message.method === 'BYE') socket.write(formatResponse(message, 200, 'OK'));
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => carrier.listen(0, '127.0.0.1', () => resolve()));
    const carrierPort = (carrier.address() as { port: number }).port;
    const tenant = await sipTenant({ carrierPort });
    tenant.trunks[0]!.transport = 'tcp';
    const tcpGateway = await startTestGateway({ tenants: [tenant], sipPort: 0, rtpPorts: gatewayRtpPorts() });
    try {
      const agent = await signIn(tcpGateway, '1001');
      expect(await agent.sdk.previewObCall({ customerNumber: '13900000003', obClid: '02188880000' })).toMatchObject({ code: 0 });
      expect(await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000)).toMatchObject({ reason: 'customerBusy' });
      const invites = requests.filter((request) => request.method === 'INVITE');
      expect(invites).toHaveLength(2);
      expect(header(invites[1]!, 'via')).toMatch(/^SIP\/2\.0\/TCP 127\.0\.0\.1:/);
      expect(header(invites[1]!, 'from')).toMatch(/^"02188880000" <sip:02188880000@127\.0\.0\.1>/);
      await expect
        .poll(() =>
          requests.some(
            (request) =>
              request.method === 'ACK' &&
              header(request, 'cseq')!.endsWith('ACK') &&
              header(request, 'call-id') === header(invites[1]!, 'call-id'),
          ),
        )
        .toBe(true);
    } finally {
      await tcpGateway.close();
      carrier.close();
    }
  });
});
