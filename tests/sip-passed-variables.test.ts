/**
 * Channel variables of type 3 reach the far end as `X-<name>` headers of the outbound INVITE (the spec's "SIP header
 * passthrough"); types 1 and 2 stay inside the gateway. The carrier is a raw SIP socket of the test, which reads the
 * INVITE's headers and then declines the call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatResponse, header, type SipRequest } from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { closeClients, signIn } from './helpers/agent-client.js';
import { gatewayRtpPorts } from './helpers/baresip.js';
import { isRequest, SipSocket } from './helpers/sip-socket.js';
import { sipTenant } from './helpers/sip-tenant.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let carrier: SipSocket;
beforeAll(async () => {
  carrier = await SipSocket.open();
  gateway = await startTestGateway({ tenants: [await sipTenant({ carrierPort: carrier.port })], sipPort: 0, rtpPorts: gatewayRtpPorts() });
});
afterEach(closeClients);
afterAll(async () => {
  carrier.close();
  await gateway.close();
});

describe('chanVariables on a SIP trunk', () => {
  it('passes variables of type 3 as X- headers of the INVITE, and no others', async () => {
    const agent = await signIn(gateway, '1001');
    const response = await agent.sdk.previewObCall({
      customerNumber: '13900000001',
      obClid: '02188880000',
      chanVariables: [
        { name: 'orderNo', value: 'A-17', type: 3 },
        { name: 'internalNote', value: 'not for the carrier', type: 1 },
        { name: 'stored', value: 'in the record', type: 2 },
        { name: 'forged', value: 'a\r\nX-Injected: 1', type: 3 },
      ],
    });
    if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);

    const invite = (await carrier.next(isRequest('INVITE'), 0, 10_000)).message as SipRequest;
    expect(header(invite, 'x-orderno')).toBe('A-17');
    expect(header(invite, 'x-forged')).toBe('a  X-Injected: 1');
    expect(header(invite, 'x-injected')).toBeUndefined();
    expect(header(invite, 'x-internalnote')).toBeUndefined();
    expect(header(invite, 'x-stored')).toBeUndefined();

    carrier.send(formatResponse(invite, 603, 'Decline', [], '', 'c1'), gateway.sip!.address.port);
    await agent.log.waitFor('sessionTerminate', () => true, 0, 10_000);
  });
});
