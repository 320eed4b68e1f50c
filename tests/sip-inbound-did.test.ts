/**
 * A customer on a real SIP phone (baresip) calls one of the tenant's DIDs through its trunk; the call queues and rings
 * an agent's desk phone (another baresip, registered with digest credentials). Both phones really hear each other:
 * the customer speaks 1000 Hz, the agent 440 Hz, and each one's dump of what it heard is measured with sox.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, sleep, releasePhones } from './helpers/baresip.js';
import { callRecordOf } from './helpers/calls.js';
import { simulatorApi } from './helpers/simulator.js';
import { sipTenant, registeredDeskPhone } from './helpers/sip-tenant.js';
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

describe('a customer calling a DID', () => {
  it('queues, rings the agent on a desk phone, and both hear each other', async () => {
    const desk = await registeredDeskPhone(sipPort, '8001', 440);
    const agent = await signIn(gateway, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const customer = await Baresip.start({ user: '13800138000', toneHz: 1000, codecs: 'PCMA' });

    await customer.dial(`sip:02088880000@127.0.0.1:${sipPort}`);
    const ringing = await agent.log.waitFor('ringing', () => true, 0, 10_000);
    expect(ringing).toMatchObject({ callType: 1, customerNumber: '13800138000', queueNo: '0' });
    await agent.log.waitFor('callBridged', (e) => e.callId === ringing.callId, 0, 10_000);
    await customer.waitForEvent('CALL_ESTABLISHED');
    await sleep(3_000);
    // The live call listing counts the SIP leg's RTP: what the customer said, heard, and lost on the way.
    const live = await simulatorApi(gateway).call(ringing.callId);
    const customerLeg = live.legs.find((leg: any) => leg.party === 'customer');
    expect(customerLeg.media).toMatchObject({ packetsLost: 0 });
    expect(customerLeg.media.packetsSent).toBeGreaterThan(50);
    expect(customerLeg.media.packetsReceived).toBeGreaterThan(50);

    await customer.hangup();
    const terminate = await agent.log.waitFor('sessionTerminate', (e) => e.callId === ringing.callId, 0, 10_000);
    expect(terminate).toMatchObject({ side: 'customer', outcome: 'completed' });
    await Promise.all([customer.stop(), desk.stop()]);

    const heardByCustomer = customer.heard(0.5);
    const heardByAgent = desk.heard(0.5);
    expect(heardByCustomer.seconds).toBeGreaterThan(1.5);
    expect(heardByCustomer.frequency).toBeGreaterThan(400);
    expect(heardByCustomer.frequency).toBeLessThan(480);
    expect(heardByAgent.seconds).toBeGreaterThan(1.5);
    expect(heardByAgent.frequency).toBeGreaterThan(940);
    expect(heardByAgent.frequency).toBeLessThan(1060);

    const record = await callRecordOf(gateway, ringing.callId);
    expect(record).toMatchObject({ customerNumber: '13800138000', queueNo: '0', outcome: 'completed' });
    // Each SIP leg's RTP counters land in the call record: what went out, what came in, loss and jitter.
    for (const party of ['customer', 'agent']) {
      const media = record.legs.find((leg: any) => leg.party === party).media;
      expect(media.packetsSent).toBeGreaterThan(100);
      expect(media.packetsReceived).toBeGreaterThan(100);
      expect(media.packetsLost).toBe(0);
      expect(media.jitterMs).toBeGreaterThanOrEqual(0);
      expect(media.jitterMs).toBeLessThan(20);
    }
  });

  it("refuses a number that is not one of the trunk's DIDs with 404", async () => {
    const customer = await Baresip.start({ user: '13800138001', toneHz: 1000 });
    const mark = customer.events.length;
    await customer.dial(`sip:0000000@127.0.0.1:${sipPort}`);
    const closed = await customer.waitForEvent('CALL_CLOSED', mark);
    expect(closed.param).toMatch(/404/);
  });
});
