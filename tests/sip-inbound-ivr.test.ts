/**
 * A trunk DID mapped to an IVR: a customer on a real SIP phone (baresip) calls it, is answered into the IVR, picks a
 * menu entry and keys an account number (RFC 4733 events) into a collect node; the IVR's queue node hands the call to
 * an agent on a desk phone, whose `ringing` carries the digits collected. A simulator inbound call placed with the
 * same `ivrId` goes the same way, with the same events.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones } from './helpers/baresip.js';
import { callRecordOf } from './helpers/calls.js';
import { registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
import { simulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const IVR_DID = '4008880000';
const ACCOUNT_IVR = {
  ivrId: '9',
  name: 'Account line',
  nodes: [
    { id: 'welcome', kind: 'prompt' as const, prompt: 'Welcome.', next: 'menu' },
    { id: 'menu', kind: 'menu' as const, prompt: 'Press 1 to leave, 2 for an agent.', choices: { '1': 'bye', '2': 'account' } },
    {
      id: 'account',
      kind: 'collect' as const,
      prompt: 'Key in your account number, then hash.',
      variable: 'accountNo',
      maxDigits: 8,
      next: 'agents',
    },
    { id: 'agents', kind: 'queue' as const, queueNo: '0' },
    { id: 'bye', kind: 'hangup' as const },
  ],
};

let gateway: TestGateway;
let sipPort: number;
beforeAll(async () => {
  const tenant = await sipTenant({ carrierPort: 9 });
  tenant.trunks[0]!.dids[IVR_DID] = { ivrId: ACCOUNT_IVR.ivrId };
  tenant.ivrs = [...tenant.ivrs, ACCOUNT_IVR];
  gateway = await startTestGateway({ tenants: [tenant], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  sipPort = gateway.sip!.address.port;
});
afterEach(async () => {
  closeClients();
  await releasePhones();
});
afterAll(() => gateway.close());

describe('a DID that enters an IVR', () => {
  it('answers the caller into the IVR; their keys pick the menu, fill the collect node, and reach an agent', async () => {
    const desk = await registeredDeskPhone(sipPort, '8001', 440);
    const agent = await signIn(gateway, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const customer = await Baresip.start({ user: '13800138020', toneHz: 1000 });

    await customer.dial(`sip:${IVR_DID}@127.0.0.1:${sipPort}`);
    // Answered by the IVR, before any agent is involved.
    await customer.waitForEvent('CALL_ESTABLISHED');
    expect(agent.log.entries.some((entry) => entry.event === 'ringing')).toBe(false);
    await customer.pressKeys('2');
    await customer.pressKeys('4711#');

    const ringing = await agent.log.waitFor('ringing', () => true, 0, 10_000);
    expect(ringing).toMatchObject({ callType: 1, customerNumber: '13800138020', queueNo: '0' });
    expect(ringing.chanVariables).toContainEqual({ name: 'accountNo', value: '4711', type: 1 });
    await agent.log.waitFor('callBridged', (e) => e.callId === ringing.callId, 0, 10_000);

    await customer.hangup();
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === ringing.callId, 0, 10_000);
    await desk.stop();
    expect(await callRecordOf(gateway, ringing.callId)).toMatchObject({
      callType: 1,
      customerNumber: '13800138020',
      queueNo: '0',
      outcome: 'completed',
    });
  });

  it('hangs up on a caller who leaves through the menu', async () => {
    const customer = await Baresip.start({ user: '13800138021', toneHz: 1000 });
    await customer.dial(`sip:${IVR_DID}@127.0.0.1:${sipPort}`);
    await customer.waitForEvent('CALL_ESTABLISHED');
    const mark = customer.events.length;
    await customer.pressKeys('1');
    await customer.waitForEvent('CALL_CLOSED', mark);
  });

  it('takes a simulator inbound call placed with the same ivrId the same way', async () => {
    const agent = await signIn(gateway, '1002');
    const placed = await gateway.api('POST', '/api/v1/tenants/demo/sim/inbound', { ivrId: ACCOUNT_IVR.ivrId, from: '13800138022' });
    expect(placed.status).toBe(201);
    await simulatorApi(gateway).pressDigits(placed.body.callId, '2');
    await simulatorApi(gateway).pressDigits(placed.body.callId, '4711#');
    const ringing = await agent.log.waitFor('ringing', () => true, 0, 10_000);
    expect(ringing).toMatchObject({ callId: placed.body.callId, callType: 1, customerNumber: '13800138022', queueNo: '0' });
    expect(ringing.chanVariables).toContainEqual({ name: 'accountNo', value: '4711', type: 1 });
  });

  it('refuses a simulator inbound call to an IVR the tenant does not have, or with both a queue and an IVR', async () => {
    expect(await gateway.api('POST', '/api/v1/tenants/demo/sim/inbound', { ivrId: '77', from: '13800138023' })).toEqual({
      status: 404,
      body: { error: { code: 'no_such_ivr', message: 'no such IVR: 77' } },
    });
    expect(
      (await gateway.api('POST', '/api/v1/tenants/demo/sim/inbound', { ivrId: '9', queueNo: '0', from: '13800138023' })).body.error.message,
    ).toBe('give queueNo or ivrId, not both');
  });
});
