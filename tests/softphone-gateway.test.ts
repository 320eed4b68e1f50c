/**
 * The softphone from outside a browser: what login hands out and stores, what the gateway says to a client that sends
 * sipLink itself, the SDK in Node (no WebRTC), and the SIP edge's call signalling with a bare SIP-over-WebSocket UA.
 */
import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeClients, newClient } from './helpers/agent-client.js';
import { openRawSocket } from './helpers/raw-socket.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { parseDigest } from '../packages/gateway/src/adapters/webrtc-edge/sip-headers.js';
import {
  formatResponse,
  header,
  parseSipMessage,
  type SipMessage,
  type SipRequest,
} from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const SOFTPHONE = { endpointType: 3 as const, endpoint: '' };

let gateway: TestGateway;
let sim: SimulatorApi;

beforeAll(async () => {
  gateway = await startTestGateway({ tenants: [await demoTenant({ webrtc: { stunServer: '' } })] });
  sim = simulatorApi(gateway);
});
afterEach(() => closeClients());
afterAll(() => gateway.close());

async function rawLogin(agentNo: string) {
  const socket = await openRawSocket(gateway.url);
  const response = await socket.request('login', {
    tenantId: 'demo',
    agentNo,
    sessionKey: await gateway.issueKey(agentNo),
    bindEndpoint: SOFTPHONE,
    initialStatus: 1,
  });
  expect(response).toMatchObject({ code: 0 });
  return { socket, response };
}

/** A minimal SIP user agent on the gateway's /sip WebSocket: sends requests, records what it receives. */
async function sipUserAgent() {
  const ws = new WebSocket(`${gateway.url.replace('http', 'ws')}/sip`, 'sip');
  const received: SipMessage[] = [];
  ws.on('message', (data) => {
    const message = parseSipMessage(data.toString());
    if (message) received.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  expect(ws.protocol).toBe('sip');
  const next = (match: (message: SipMessage) => boolean, timeoutMs = 5_000): Promise<SipMessage> =>
    vi.waitFor(
      () => {
        const index = received.findIndex(match);
        if (index < 0)
          throw new Error(`no matching SIP message; have ${received.map((m) => (m.kind === 'request' ? m.method : m.status)).join(', ')}`);
        return received.splice(index, 1)[0]!;
      },
      { timeout: timeoutMs, interval: 10 },
    );
  return { ws, next, send: (text: string) => ws.send(text), close: () => ws.close() };
}

function registerText(cseq: number, authorization?: string): string {
  return [
    'REGISTER sip:127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/WS ua.invalid;branch=z9hG4bK${cseq}reg`,
    'Max-Forwards: 70',
    'To: <sip:1005@127.0.0.1>',
    'From: <sip:1005@127.0.0.1>;tag=ua1',
    'Call-ID: reg-call-1',
    `CSeq: ${cseq} REGISTER`,
    'Contact: <sip:ua@ua.invalid;transport=ws>;expires=300',
    ...(authorization ? [`Authorization: ${authorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('softphone login', () => {
  it('hands out a SIP password once and stores only its digest hash with the session', async () => {
    const { socket, response } = await rawLogin('1001');
    expect(response).toMatchObject({ webrtcSocketUrl: `ws://127.0.0.1:${gateway.port}/sip`, sipIp: '127.0.0.1', webrtcStunServer: '' });
    const record = await gateway.services.store.sessions.get(response.sessionId);
    expect(record?.sipHa1).toBe(md5(`${response.sessionId}:agentsdk:${response.sipPwd}`));
    expect(JSON.stringify(record)).not.toContain(response.sipPwd);
    socket.close();
  });

  it('refuses sipLink and sipUnlink sent to the gateway: the SDK handles them', async () => {
    const { socket } = await rawLogin('1002');
    for (const action of ['sipLink', 'sipUnlink']) {
      const answer = await socket.request(action, {});
      expect(answer).toMatchObject({ action: `${action}Resp`, code: -1, errorCode: 30012 });
      expect(answer.message).toContain('handled by the SDK');
    }
    socket.close();
  });
});

describe('the SDK without WebRTC (Node)', () => {
  it('reports MEDIA_NOT_SUPPORTED for a softphone login, for sipLink and for previewObCall', async () => {
    const client = newClient(gateway);
    expect(
      await client.sdk.login({
        tenantId: 'demo',
        agentNo: '1003',
        sessionKey: await gateway.issueKey('1003'),
        bindEndpoint: SOFTPHONE,
        initialStatus: 1,
      }),
    ).toMatchObject({ code: 0 });
    const state = await client.log.waitFor('softphoneState', (event) => event.state === 'failed');
    expect(state.reason).toContain('MEDIA_NOT_SUPPORTED');
    await expect(client.sdk.sipLink()).rejects.toMatchObject({ name: 'AgentSdkError', code: 'MEDIA_NOT_SUPPORTED' });
    await expect(client.sdk.previewObCall({ customerNumber: '13900139000' })).rejects.toMatchObject({ code: 'MEDIA_NOT_SUPPORTED' });
  });

  it('with webrtc: false, leaves the softphone off: sipLink is SIP_NOT_AVAILABLE and the gateway answers previewObCall 20025', async () => {
    const client = newClient(gateway, { webrtc: false });
    expect(
      await client.sdk.login({
        tenantId: 'demo',
        agentNo: '1004',
        sessionKey: await gateway.issueKey('1004'),
        bindEndpoint: SOFTPHONE,
        initialStatus: 1,
      }),
    ).toMatchObject({ code: 0 });
    await expect(client.sdk.sipLink()).rejects.toMatchObject({ code: 'SIP_NOT_AVAILABLE' });
    await expect(client.sdk.sipUnlink()).rejects.toMatchObject({ code: 'SIP_NOT_AVAILABLE' });
    expect(await client.sdk.previewObCall({ customerNumber: '13900139000' })).toMatchObject({ code: -1, errorCode: 20025 });
    expect(client.log.of('softphoneState')).toEqual([]);
  });
});

describe('the SIP edge and a bare user agent', () => {
  it("registers with the session's password, rings it with an INVITE carrying a PCMU offer, and handles busy and CANCEL", async () => {
    const { socket, response } = await rawLogin('1005');
    const ua = await sipUserAgent();
    ua.send(registerText(1));
    const challenge = await ua.next((m) => m.kind === 'response');
    expect(challenge).toMatchObject({ status: 401 });
    const { realm = '', nonce = '' } = parseDigest(header(challenge, 'www-authenticate')!)!;
    const ha1 = md5(`${response.sessionId}:${realm}:${response.sipPwd}`);
    const digest = md5(`${ha1}:${nonce}:00000001:c0ffee:auth:${md5('REGISTER:sip:127.0.0.1')}`);
    ua.send(
      registerText(
        2,
        `Digest username="${response.sessionId}", realm="${realm}", nonce="${nonce}", uri="sip:127.0.0.1", response="${digest}", qop=auth, nc=00000001, cnonce="c0ffee", algorithm=MD5`,
      ),
    );
    expect(await ua.next((m) => m.kind === 'response')).toMatchObject({ status: 200 });
    expect(await gateway.services.telephony.isReachable('demo', { kind: 'softphone', address: '1005', party: 'agent' })).toBe(true);

    // Ringing when the caller hangs up: the edge cancels the INVITE and ACKs the 487.
    const first = await sim.inbound('0', '13800138002');
    const ringing = (await ua.next((m) => m.kind === 'request' && m.method === 'INVITE')) as SipRequest;
    expect(ringing.uri).toBe('sip:ua@ua.invalid;transport=ws');
    expect(header(ringing, 'x-call-id')).toBe(first);
    expect(header(ringing, 'from')).toContain('13800138002');
    expect(header(ringing, 'content-type')).toBe('application/sdp');
    expect(ringing.body).toContain('PCMU/8000');
    expect(ringing.body).toMatch(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 /);
    expect(ringing.body.split('\r\n').filter((line) => line.startsWith('a=candidate:') && !line.includes(' 127.0.0.1 '))).toEqual([]);
    ua.send(formatResponse(ringing, 180, 'Ringing', [], '', 'ua-tag1'));
    await sim.hangup(first);
    const cancel = (await ua.next((m) => m.kind === 'request' && m.method === 'CANCEL')) as SipRequest;
    expect(header(cancel, 'via')).toBe(header(ringing, 'via'));
    expect(header(cancel, 'cseq')).toBe('1 CANCEL');
    ua.send(formatResponse(cancel, 200, 'OK'));
    ua.send(formatResponse(ringing, 487, 'Request Terminated', [], '', 'ua-tag1'));
    expect(header(await ua.next((m) => m.kind === 'request' && m.method === 'ACK'), 'cseq')).toBe('1 ACK');
    await expect.poll(async () => sim.call(first)).toBeUndefined();

    // Busy: the edge ACKs the failure and the leg ends busy.
    const second = await sim.inbound('0', '13800138001');
    const invite = (await ua.next((m) => m.kind === 'request' && m.method === 'INVITE', 10_000)) as SipRequest;
    expect(header(invite, 'x-call-id')).toBe(second);
    ua.send(formatResponse(invite, 486, 'Busy Here', [], '', 'ua-tag2'));
    expect(await ua.next((m) => m.kind === 'request' && m.method === 'ACK')).toMatchObject({ kind: 'request' });
    await expect.poll(async () => (await sim.call(second))?.legs.find((leg: any) => leg.number === '1005')?.endCause).toBe('busy');
    await sim.hangup(second);
    ua.close();
    socket.close();
  }, 30_000);
});
