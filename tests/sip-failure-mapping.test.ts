/**
 * Every carrier failure maps to the spec's outcome (issue 11): 486/600 busy, 408/480 no answer, 603 rejected, 404/484
 * invalid, 5xx the system error. The carrier is a raw SIP socket of the test that answers the agent's leg and fails
 * the customer's with each status in turn; the agent sees the same `sessionTerminate` as for the simulator's outcome,
 * and the call record keeps the customer leg's end cause. (tests/sip-trunk-outbound.test.ts does 486 and 404 with
 * baresip, tests/sip-trunk-auth.test.ts 603.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { callRecordOf } from './helpers/calls.js';
import { RawCarrier } from './helpers/sip-carrier.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let carrier: RawCarrier;
beforeAll(async () => {
  carrier = await RawCarrier.open();
  gateway = await startTestGateway({ tenants: [await sipTenant({ carrierPort: carrier.port })], sipPort: 0, rtpPorts: gatewayRtpPorts() });
});
afterEach(closeClients);
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

const FAILURES = [
  { status: 486, reason: 'Busy Here', outcome: 'customerBusy', endCause: 'busy' },
  { status: 600, reason: 'Busy Everywhere', outcome: 'customerBusy', endCause: 'busy' },
  { status: 408, reason: 'Request Timeout', outcome: 'customerNoAnswer', endCause: 'noAnswer' },
  { status: 480, reason: 'Temporarily Unavailable', outcome: 'customerNoAnswer', endCause: 'noAnswer' },
  { status: 603, reason: 'Decline', outcome: 'customerRejected', endCause: 'rejected' },
  { status: 404, reason: 'Not Found', outcome: 'invalidNumber', endCause: 'invalid' },
  { status: 484, reason: 'Address Incomplete', outcome: 'invalidNumber', endCause: 'invalid' },
  { status: 500, reason: 'Server Internal Error', outcome: 'failed', endCause: 'failed' },
  { status: 503, reason: 'Service Unavailable', outcome: 'failed', endCause: 'failed' },
] as const;

describe('carrier failures', () => {
  it.each(FAILURES)('maps $status to $outcome', async ({ status, reason, outcome, endCause }) => {
    const customerNumber = `1390000${status}`;
    const agent = await signIn(gateway, '1001');
    const mark = carrier.mark;
    const response = await agent.sdk.previewObCall({ customerNumber, obClid: '02188880000' });
    if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);
    const agentInvite = await carrier.nextInvite('13600001001', mark);
    carrier.respond(agentInvite, 200, 'OK', `agent${status}`);
    await carrier.ackOf(agentInvite, mark);

    const customerInvite = await carrier.nextInvite(customerNumber, mark);
    carrier.respond(customerInvite, 180, 'Ringing', `customer${status}`);
    carrier.respond(customerInvite, status, reason, `customer${status}`);
    // A failure response is acknowledged in its own transaction (RFC 3261 §17.1.1.3).
    await carrier.ackOf(customerInvite, mark);

    const terminate = await agent.log.waitFor('sessionTerminate', (e) => e.callId === response.callId, 0, 10_000);
    expect(terminate).toMatchObject({ outcome });
    const bye = await carrier.nextInDialog(agentInvite, 'BYE', mark);
    carrier.respond(bye, 200, 'OK', `agent${status}`);
    const record = await callRecordOf(gateway, response.callId);
    expect(record.outcome).toBe(outcome);
    expect(record.legs.find((leg: any) => leg.number === customerNumber)).toMatchObject({ endCause });
  });

  it('cancels a customer who rings past the answer timeout: no answer', async () => {
    const customerNumber = '13900000777';
    const agent = await signIn(gateway, '1002');
    const mark = carrier.mark;
    const response = await agent.sdk.previewObCall({ customerNumber, obClid: '02188880000', customerAnswerTimeout: 5 });
    if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);
    const agentInvite = await carrier.nextInvite('13600001002', mark);
    carrier.respond(agentInvite, 200, 'OK', 'agent-ring');
    const customerInvite = await carrier.nextInvite(customerNumber, mark);
    carrier.respond(customerInvite, 180, 'Ringing', 'customer-ring');

    const cancel = await carrier.nextInDialog(customerInvite, 'CANCEL', mark, 10_000);
    carrier.respond(cancel, 200, 'OK', 'customer-ring');
    carrier.respond(customerInvite, 487, 'Request Terminated', 'customer-ring');
    await carrier.ackOf(customerInvite, mark);
    expect(await agent.log.waitFor('sessionTerminate', (e) => e.callId === response.callId, 0, 10_000)).toMatchObject({
      outcome: 'customerNoAnswer',
    });
    const bye = await carrier.nextInDialog(agentInvite, 'BYE', mark);
    carrier.respond(bye, 200, 'OK', 'agent-ring');
  });
});
