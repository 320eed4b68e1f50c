/**
 * In-call control on real SIP phones: a customer (baresip, 1000 Hz) calls a DID and talks to an agent on a desk phone
 * (baresip, 440 Hz). Hold re-INVITEs the customer and silences both directions (neither phone receives audio
 * meanwhile), unhold re-INVITEs it back and its voice returns; mute out silences only the agent toward the
 * customer; the customer's keys
 * (RFC 4733) reach an IVR collect node; the agent's sendDtmf reaches the customer's phone.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
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

interface SipCall {
  agent: TestClient;
  customer: Baresip;
  desk: Baresip;
  callId: string;
}

async function connectedSipCall(agentNo: string, customerNumber: string): Promise<SipCall> {
  const desk = await Baresip.start({
    user: '8002',
    toneHz: 440,
    registrar: `127.0.0.1:${sipPort}`,
    accountParams: `auth_user=demo-8002;auth_pass=${DESK_PHONE_PASSWORD};regint=600;answermode=auto`,
  });
  await desk.registered();
  const agent = await signIn(gateway, agentNo, { bindEndpoint: { endpointType: 2, endpoint: '8002' } });
  const customer = await Baresip.start({ user: customerNumber, toneHz: 1000 });
  await customer.dial(`sip:02088880000@127.0.0.1:${sipPort}`);
  const bridged = await agent.log.waitFor('callBridged', () => true, 0, 10_000);
  await customer.waitForEvent('CALL_ESTABLISHED');
  return { agent, customer, desk, callId: bridged.callId };
}

async function hangUp({ agent, customer, desk, callId }: SipCall): Promise<void> {
  await customer.hangup();
  await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId, 0, 10_000);
  await Promise.all([customer.stop(), desk.stop()]);
}

describe('in-call control on SIP phones', () => {
  it('hold re-INVITEs the customer and silences both directions; unhold brings the customer back to the agent', async () => {
    const call = await connectedSipCall('1005', '13800138010');
    await sleep(1_500);
    const talkedBefore = [call.customer.heardSecondsSoFar(), call.desk.heardSecondsSoFar()];
    expect(await call.agent.sdk.hold()).toMatchObject({ code: 0 });
    await sleep(300);
    const atHold = [call.customer.heardSecondsSoFar(), call.desk.heardSecondsSoFar()];
    await sleep(2_000);
    const afterHold = [call.customer.heardSecondsSoFar(), call.desk.heardSecondsSoFar()];
    expect(await call.agent.sdk.unhold()).toMatchObject({ code: 0 });
    await sleep(1_500);
    const afterUnhold = call.desk.heardSecondsSoFar();
    expect(call.customer.log()).toMatch(/got re-INVITE \(SDP Offer\)[\s\S]*got re-INVITE \(SDP Offer\)/);
    await hangUp(call);

    for (const side of [0, 1]) {
      expect(talkedBefore[side]).toBeGreaterThan(0.5);
      // Two seconds of hold add (almost) nothing to what either phone heard.
      expect(afterHold[side]! - atHold[side]!).toBeLessThan(0.3);
    }
    expect(call.customer.heard(0.3).frequency).toBeGreaterThan(400);
    expect(call.customer.heard(0.3).frequency).toBeLessThan(480);
    // The customer's phone, resumed by the second re-INVITE (sendrecv), speaks again: the agent hears its 1000 Hz.
    expect(afterUnhold - afterHold[1]!).toBeGreaterThan(0.7);
    const resumed = call.desk.heard(afterHold[1]! + 0.1, 0.6);
    expect(resumed.frequency).toBeGreaterThan(940);
    expect(resumed.frequency).toBeLessThan(1060);
    // What the customer hears after the unhold is measured in tests/sip-hold-reinvite.test.ts: baresip 1.0.0 stops
    // dumping its received audio after a hold re-INVITE (see sipTenant).
  });

  it('mute out silences the agent toward the customer only; unmute brings it back', async () => {
    const call = await connectedSipCall('1005', '13800138013');
    await sleep(1_000);
    expect(await call.agent.sdk.mute({ direction: 'out' })).toMatchObject({ code: 0 });
    await sleep(300);
    const atMute = [call.customer.heardSecondsSoFar(), call.desk.heardSecondsSoFar()];
    await sleep(1_500);
    const afterMute = [call.customer.heardSecondsSoFar(), call.desk.heardSecondsSoFar()];
    expect(await call.agent.sdk.unmute({ direction: 'out' })).toMatchObject({ code: 0 });
    await sleep(1_000);
    const afterUnmute = call.customer.heardSecondsSoFar();
    await hangUp(call);

    // The customer heard nothing of the agent while muted, the agent kept hearing the customer.
    expect(afterMute[0]! - atMute[0]!).toBeLessThan(0.3);
    expect(afterMute[1]! - atMute[1]!).toBeGreaterThan(1);
    expect(call.desk.heard(atMute[1]!, 1).frequency).toBeGreaterThan(940);
    expect(call.desk.heard(atMute[1]!, 1).frequency).toBeLessThan(1060);
    expect(afterUnmute - afterMute[0]!).toBeGreaterThan(0.5);
    expect(call.customer.heard(afterMute[0]! + 0.1).frequency).toBeGreaterThan(400);
    expect(call.customer.heard(afterMute[0]! + 0.1).frequency).toBeLessThan(480);
  });

  it('the customer keys digits into an IVR collect node, the agent gets them back', async () => {
    const call = await connectedSipCall('1005', '13800138011');
    const mark = call.agent.log.entries.length;
    expect(
      await call.agent.sdk.transferIvr({ ivrTarget: { ivrId: 1, ivrNode: '1' }, returnVariables: { customerId: 'accountNo' } }),
    ).toMatchObject({ code: 0 });
    await sleep(300);
    await call.customer.pressKeys('4711#');
    const back = await call.agent.log.waitFor('interactReturn', () => true, mark, 10_000);
    expect(back).toMatchObject({ callId: call.callId, variables: { accountNo: '4711' } });
    await hangUp(call);
  });

  it("the agent's sendDtmf reaches the customer's phone as RFC 4733 events", async () => {
    const call = await connectedSipCall('1005', '13800138012');
    expect(await call.agent.sdk.sendDtmf({ digits: '12#', target: 2 })).toMatchObject({ code: 0 });
    await call.customer.waitForLog(/received event: '#' \(end=1\)/);
    expect(call.customer.log()).toMatch(/received event: '1' \(end=1\)[\s\S]*received event: '2' \(end=1\)/);
    await hangUp(call);
  });
});
