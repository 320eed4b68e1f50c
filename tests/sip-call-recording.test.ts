/**
 * Call recording: a customer on a SIP phone (1000 Hz) talks to an agent on a desk phone (440 Hz); the call's recording
 * is a two-channel WAV under the data directory, the customer on the left and the agent on the right, served by the
 * tenant API whole or by byte range. A queue with `recordCalls: false` is not recorded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep, soxStat } from './helpers/baresip.js';
import { DESK_PHONE_PASSWORD, registeredDeskPhone, sipTenant } from './helpers/sip-tenant.js';
import { DEMO_API_KEY, startTestGateway, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const dataDir = temporaryDataDir();
let gateway: TestGateway;
let sipPort: number;
const UNRECORDED_DID = '02088880001';
beforeAll(async () => {
  // Queue 1 does not record its calls; a second DID leads to it.
  const tenant = await sipTenant({ carrierPort: 9 });
  tenant.queues = tenant.queues.map((queue) => (queue.queueNo === '1' ? { ...queue, recordCalls: false } : queue));
  tenant.trunks[0]!.dids[UNRECORDED_DID] = { queueNo: '1' };
  gateway = await startTestGateway({ dataDir: dataDir.path, tenants: [tenant], sipPort: 0, rtpPorts: gatewayRtpPorts() });
  sipPort = gateway.sip!.address.port;
});
afterEach(async () => {
  closeClients();
  await releasePhones();
});
afterAll(async () => {
  await gateway.close();
  dataDir.remove();
});

const recordingUrl = (callId: string) => `${gateway.url}/api/v1/tenants/demo/cdrs/${callId}/recording`;

describe('call recording', () => {
  it('records the customer on the left channel and the agent on the right', async () => {
    const desk = await Baresip.start({
      user: '8001',
      toneHz: 440,
      registrar: `127.0.0.1:${sipPort}`,
      accountParams: `auth_user=demo-8001;auth_pass=${DESK_PHONE_PASSWORD};regint=600;answermode=auto`,
    });
    await desk.registered();
    const agent = await signIn(gateway, '1005', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const customer = await Baresip.start({ user: '13800138040', toneHz: 1000 });
    await customer.dial(`sip:02088880000@127.0.0.1:${sipPort}`);
    const { callId } = await agent.log.waitFor('callBridged', () => true, 0, 10_000);
    await sleep(3_000);
    await customer.hangup();
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId, 0, 10_000);

    const authorization = { authorization: `Bearer ${DEMO_API_KEY}` };
    const whole = await fetch(recordingUrl(callId), { headers: authorization });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const wav = Buffer.from(await whole.arrayBuffer());
    const file = join(dataDir.path, 'downloaded.wav');
    writeFileSync(file, wav);
    expect(wav.readUInt16LE(22)).toBe(2); // channels
    const left = soxStat(file, ['remix', '1', 'trim', '0.5']);
    const right = soxStat(file, ['remix', '2', 'trim', '0.5']);
    expect(left['length (seconds)']).toBeGreaterThan(2);
    expect(left['rough   frequency']).toBeGreaterThan(940);
    expect(left['rough   frequency']).toBeLessThan(1060);
    expect(right['rough   frequency']).toBeGreaterThan(400);
    expect(right['rough   frequency']).toBeLessThan(480);

    const head = await fetch(recordingUrl(callId), { headers: { ...authorization, range: 'bytes=0-43' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-43/${wav.length}`);
    const bytes = Buffer.from(await head.arrayBuffer());
    expect(bytes).toEqual(wav.subarray(0, 44));
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');

    expect((await fetch(recordingUrl(callId), { headers: { ...authorization, range: `bytes=${wav.length}-` } })).status).toBe(416);
    expect((await fetch(recordingUrl(callId))).status).toBe(401);
    expect((await fetch(recordingUrl('no-such-call'), { headers: authorization })).status).toBe(404);
  });

  it('does not record the calls of a queue that says so', async () => {
    const desk = await registeredDeskPhone(sipPort, '8001', 440);
    const agent = await signIn(gateway, '1006', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
    const customer = await Baresip.start({ user: '13800138041', toneHz: 1000 });
    await customer.dial(`sip:${UNRECORDED_DID}@127.0.0.1:${sipPort}`);
    // This customer's call: a call of the case before may still be winding down on the same agent.
    const { callId } = await agent.log.waitFor('callBridged', (e) => e.customerNumber === '13800138041', 0, 10_000);
    await sleep(1_500);
    await customer.hangup();
    await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId, 0, 10_000);
    await desk.stop();
    expect((await fetch(recordingUrl(callId), { headers: { authorization: `Bearer ${DEMO_API_KEY}` } })).status).toBe(404);
  });
});
