/**
 * A consult transfer between agents on desk phones, on real audio: a customer (baresip, 1000 Hz) talks to the first
 * agent (440 Hz), who consults a second agent (2000 Hz) and completes the transfer. Afterwards the customer and the
 * second agent hear each other (measured in a band around each one's tone).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sipPort: number;
beforeAll(async () => {
  // The customer's baresip is held during the consult and measured after it: no hold re-INVITE (see sipTenant).
  gateway = await startTestGateway({
    tenants: [await sipTenant({ carrierPort: 9, holdReinvite: false })],
    sipPort: 0,
    rtpPorts: gatewayRtpPorts(),
  });
  sipPort = gateway.sip!.address.port;
});
afterEach(async () => {
  closeClients();
  await releasePhones();
});
afterAll(() => gateway.close());

describe('consult transfer between desk phones', () => {
  it('ends with the customer and the second agent hearing each other', async () => {
    const firstPhone = await registeredDeskPhone(sipPort, '8001', 440);
    const secondPhone = await registeredDeskPhone(sipPort, '8002', 2000);
    const first = await signIn(gateway, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const customer = await Baresip.start({ user: '13800138070', toneHz: 1000 });
    await customer.dial(`sip:02088880000@127.0.0.1:${sipPort}`);
    const { callId } = await first.log.waitFor('callBridged', () => true, 0, 10_000);
    const second = await signIn(gateway, '1002', { bindEndpoint: { endpointType: 2, endpoint: '8002' } });

    expect(await first.sdk.startAtxfer({ targetType: 1, target: '1002' })).toMatchObject({ code: 0 });
    await first.log.waitFor('atxferLink', () => true, 0, 10_000);
    await sleep(1_000);
    expect(await first.sdk.completeAtxfer()).toMatchObject({ code: 0 });
    await first.log.waitFor('sessionTerminate', (e) => e.reason === 'transferred', 0, 10_000);
    await firstPhone.waitForEvent('CALL_CLOSED');
    await sleep(2_500);

    await customer.hangup();
    await second.log.waitFor('sessionTerminate', (e) => e.callId === callId, 0, 10_000);
    await Promise.all([customer.stop(), firstPhone.stop(), secondPhone.stop()]);

    expect(customer.heardLevelBetween(1800, 2200)).toBeGreaterThan(0.03);
    expect(secondPhone.heardLevelBetween(900, 1100)).toBeGreaterThan(0.03);
    // During the consult the two agents talked.
    expect(firstPhone.heardLevelBetween(1800, 2200)).toBeGreaterThan(0.03);
  });
});
