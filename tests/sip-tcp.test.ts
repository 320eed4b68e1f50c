/**
 * SIP over TCP: a desk phone (baresip) registers its extension over TCP and is rung on its connection, while the
 * customer calls over UDP; both hear each other. A TCP connection that sends garbage is closed and counted, and the
 * gateway keeps serving.
 */
import { connect } from 'node:net';
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
    const malformed = (await scrape(gateway)).find((sample) => sample.name === 'agent_gateway_sip_refused_total' && sample.labels.reason === 'malformed');
    expect(malformed?.value).toBeGreaterThan(0);
  });
});
