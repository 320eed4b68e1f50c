/**
 * Whisper on real audio: a customer (baresip, 1000 Hz) talks to an agent on a desk phone (440 Hz); a supervisor on
 * another desk phone (2000 Hz) whispers. The agent hears the supervisor, the customer never does: measured as the
 * level of each phone's recording in a band around 2000 Hz.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
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

describe('whisper on SIP phones', () => {
  it('the agent hears the supervisor, the customer does not', async () => {
    const agentPhone = await registeredDeskPhone(sipPort, '8001', 440);
    const supervisorPhone = await registeredDeskPhone(sipPort, '8003', 2000);
    const agent = await signIn(gateway, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const supervisor = await signIn(gateway, '1008', { bindEndpoint: { endpointType: 2, endpoint: '8003' } });
    const customer = await Baresip.start({ user: '13800138030', toneHz: 1000 });
    await customer.dial(`sip:02088880000@127.0.0.1:${sipPort}`);
    const bridged = await agent.log.waitFor('callBridged', () => true, 0, 10_000);
    await customer.waitForEvent('CALL_ESTABLISHED');

    expect(await supervisor.sdk.whisper({ agentNo: '1005' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('whisperLink', () => true, 0, 10_000);
    await supervisorPhone.waitForEvent('CALL_ESTABLISHED');
    await sleep(2_500);
    await customer.hangup();
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === bridged.callId, 0, 10_000);
    await Promise.all([customer.stop(), agentPhone.stop(), supervisorPhone.stop()]);

    const supervisorHeardByAgent = agentPhone.heardLevelBetween(1800, 2200, 0.5);
    const supervisorHeardByCustomer = customer.heardLevelBetween(1800, 2200, 0.5);
    const agentHeardByCustomer = customer.heardLevelBetween(340, 540, 0.5);
    expect(supervisorHeardByAgent).toBeGreaterThan(0.03);
    expect(agentHeardByCustomer).toBeGreaterThan(0.1);
    expect(supervisorHeardByCustomer).toBeLessThan(0.01);
    // The supervisor hears both parties.
    expect(supervisorPhone.heardLevelBetween(900, 1100, 0.5)).toBeGreaterThan(0.03);
    expect(supervisorPhone.heardLevelBetween(340, 540, 0.5)).toBeGreaterThan(0.03);
  });
});
