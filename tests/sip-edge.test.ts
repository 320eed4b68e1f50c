/**
 * The softphone edge's SIP pieces without a browser: message parsing and formatting, digest authentication, the
 * registrar behind REGISTER, the PCMU tone, A-law (PCMA) coding and the MOS estimate.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestAuthenticator, digestHa1 } from '../packages/gateway/src/adapters/webrtc-edge/sip-digest.js';
import { SipEdge, type SipCredentials } from '../packages/gateway/src/adapters/webrtc-edge/sip-edge.js';
import { parseDigest, parseNameAddr, userOf } from '../packages/gateway/src/adapters/webrtc-edge/sip-headers.js';
import {
  formatRequest,
  formatResponse,
  header,
  parseCSeq,
  parseSipMessage,
  type SipRequest,
} from '../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import type { SipConnection } from '../packages/gateway/src/adapters/webrtc-edge/sip-registrar.js';
import { linearToMulaw, mulawToLinear, pcmuLevel, ToneGenerator } from '../packages/gateway/src/adapters/media/pcmu-audio.js';
import { alawToLinear, linearToAlaw, PCMA } from '../packages/gateway/src/adapters/media/g711.js';
import { estimateMos } from '../packages/sdk/src/softphone-module/call-quality.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** A REGISTER as JsSIP sends it (compact and folded headers added to exercise the parser). */
function register(extra: string[] = [], contactParams = ';expires=300'): string {
  return [
    'REGISTER sip:127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/WS 3kq2.invalid;branch=z9hG4bK1234567',
    'Max-Forwards: 69',
    'To: <sip:1001@127.0.0.1>',
    'f: <sip:1001@127.0.0.1>;tag=abc123',
    'i: 9f8e7d6c',
    'CSeq: 2 REGISTER',
    `m: <sip:u7x3@3kq2.invalid;transport=ws>;+sip.ice;reg-id=1;+sip.instance="<urn:uuid:5b0f6f0e>"${contactParams}`,
    ...extra,
    'Allow: INVITE,ACK,CANCEL,BYE,UPDATE,MESSAGE,OPTIONS,REFER,INFO,NOTIFY',
    'Supported: path,gruu,outbound',
    'User-Agent: AgentSDK softphone',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The Authorization header JsSIP computes for a challenge (qop=auth, MD5). */
function authorizationFor(challenge: string, username: string, password: string, uri = 'sip:127.0.0.1'): string {
  const { realm = '', nonce = '' } = parseDigest(challenge)!;
  const cnonce = 'deadbeef';
  const nc = '00000001';
  const ha1 = md5(`${username}:${realm}:${password}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5(`REGISTER:${uri}`)}`);
  return `Digest algorithm=MD5, username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, cnonce="${cnonce}", nc=${nc}`;
}

class FakeConnection implements SipConnection {
  readonly id = 'c1';
  readonly sent: string[] = [];
  isOpen = true;
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.isOpen = false;
  }
  last() {
    return parseSipMessage(this.sent.at(-1)!)!;
  }
}

describe('SIP messages', () => {
  it('parses a request: compact names, repeated and folded headers, the body cut to Content-Length', () => {
    const text = [
      'INVITE sip:u7x3@3kq2.invalid;transport=ws SIP/2.0',
      'v: SIP/2.0/WS a.invalid;branch=z9hG4bKa, SIP/2.0/WS b.invalid;branch=z9hG4bKb',
      'Via: SIP/2.0/WS c.invalid;branch=z9hG4bKc',
      'From: "13800138000" <sip:13800138000@agent-gateway.invalid>;tag=f1',
      'To: <sip:1001@agent-gateway.invalid>',
      'Call-ID: x1@agent-gateway.invalid',
      'CSeq: 1 INVITE',
      'Subject: a long',
      '  folded subject',
      'Content-Type: application/sdp',
      'l: 5',
      '',
      'v=0\r\nextra',
    ].join('\r\n');
    const message = parseSipMessage(text) as SipRequest;
    expect(message).toMatchObject({ kind: 'request', method: 'INVITE', uri: 'sip:u7x3@3kq2.invalid;transport=ws', body: 'v=0\r\n' });
    expect(message.headers.get('via')).toHaveLength(3);
    expect(header(message, 'subject')).toBe('a long folded subject');
    expect(parseCSeq(message)).toEqual({ seq: 1, method: 'INVITE' });
  });

  it('parses responses, and refuses what is not a SIP message', () => {
    const response = parseSipMessage(
      'SIP/2.0 180 Ringing\r\nVia: SIP/2.0/WS a;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n',
    );
    expect(response).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing' });
    expect(parseSipMessage('hello')).toBeUndefined();
    expect(parseSipMessage('GET / HTTP/1.1\r\nHost: x\r\n\r\n')).toBeUndefined();
    expect(parseSipMessage('OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/WS a;branch=z9hG4bK1\r\n\r\n')).toBeUndefined();
    expect(parseSipMessage(register().replace('CSeq: 2 REGISTER', 'CSeq: two REGISTER'))).toBeUndefined();
    expect(parseSipMessage(register().replace('Content-Length: 0', 'Content-Length: 10'))).toBeUndefined();
    expect(parseSipMessage(register().replace('Max-Forwards: 69', 'Max Forwards: 69'))).toBeUndefined();
  });

  it('formats a response that copies Via, From, To, Call-ID and CSeq, tagging To', () => {
    const request = parseSipMessage(register()) as SipRequest;
    const response = parseSipMessage(formatResponse(request, 200, 'OK', [['Expires', '300']], '', 't9'))!;
    expect(response).toMatchObject({ kind: 'response', status: 200 });
    expect(header(response, 'via')).toBe('SIP/2.0/WS 3kq2.invalid;branch=z9hG4bK1234567');
    expect(header(response, 'to')).toBe('<sip:1001@127.0.0.1>;tag=t9');
    expect(header(response, 'call-id')).toBe('9f8e7d6c');
    expect(header(response, 'cseq')).toBe('2 REGISTER');
    expect(formatRequest('BYE', 'sip:x@y', [['CSeq', '2 BYE']], 'é')).toMatch(/Content-Length: 2\r\n\r\né$/);
  });

  it('reads name-addr values, their parameters and digest credentials', () => {
    expect(parseNameAddr('"Alice, A" <sip:alice@example.com;transport=ws>;tag=1;expires=60;+sip.ice')).toEqual({
      uri: 'sip:alice@example.com;transport=ws',
      params: { tag: '1', expires: '60', '+sip.ice': '' },
    });
    expect(parseNameAddr('sip:bob@example.com;tag=2')).toEqual({ uri: 'sip:bob@example.com', params: { tag: '2' } });
    expect(userOf('sip:1001@127.0.0.1;transport=ws')).toBe('1001');
    expect(parseDigest('Digest username="a b", realm="agentsdk", nc=00000001, qop=auth, uri="sip:x,y"')).toEqual({
      username: 'a b',
      realm: 'agentsdk',
      nc: '00000001',
      qop: 'auth',
      uri: 'sip:x,y',
    });
    expect(parseDigest('Basic abc')).toBeUndefined();
  });
});

describe('digest authentication', () => {
  it('accepts the right password and refuses a wrong one, a forged nonce and a foreign realm', () => {
    const digest = new DigestAuthenticator('agentsdk');
    const challenge = digest.challenge();
    const ha1 = digestHa1('session-1', 'agentsdk', 'secret');
    const check = (authorization: string) => digest.verify('REGISTER', parseDigest(authorization)!, ha1);
    expect(check(authorizationFor(challenge, 'session-1', 'secret'))).toEqual({ ok: true });
    expect(check(authorizationFor(challenge, 'session-1', 'wrong'))).toEqual({ ok: false, stale: false });
    expect(check(authorizationFor(challenge.replace(/nonce="([^"]+)"/, 'nonce="$1x"'), 'session-1', 'secret'))).toEqual({
      ok: false,
      stale: false,
    });
    expect(check(authorizationFor(challenge.replace('realm="agentsdk"', 'realm="other"'), 'session-1', 'secret'))).toEqual({
      ok: false,
      stale: false,
    });
  });

  it('says stale when the right answer uses an old nonce', () => {
    let now = 1_000_000;
    const digest = new DigestAuthenticator('agentsdk', () => now);
    const authorization = authorizationFor(digest.challenge(), 'session-1', 'secret');
    now += 6 * 60_000;
    expect(digest.verify('REGISTER', parseDigest(authorization)!, digestHa1('session-1', 'agentsdk', 'secret'))).toEqual({
      ok: false,
      stale: true,
    });
  });
});

describe('the registrar', () => {
  const credentials: SipCredentials = {
    sessionId: 'session-1',
    tenantId: 'demo',
    endpoint: '1001',
    ha1: digestHa1('session-1', 'agentsdk', 'secret'),
  };
  let live = true;
  const logger = { debug() {}, info() {}, warn() {}, error() {} } as never;
  const newEdge = () =>
    new SipEdge({
      realm: 'agentsdk',
      logger,
      isSessionLive: () => live,
      findCredentials: async (username) => (username === 'session-1' ? credentials : undefined),
    });

  async function registered(edge: SipEdge, connection: FakeConnection, password = 'secret', contactParams?: string) {
    await edge.receive(connection, register([], contactParams));
    const challenge = connection.last();
    expect(challenge).toMatchObject({ status: 401 });
    await edge.receive(
      connection,
      register([`Authorization: ${authorizationFor(header(challenge, 'www-authenticate')!, 'session-1', password)}`], contactParams),
    );
    return connection.last();
  }

  it("challenges, then binds the contact for the session's endpoint", async () => {
    const edge = newEdge();
    const connection = new FakeConnection();
    edge.connected(connection);
    const ok = await registered(edge, connection);
    expect(ok).toMatchObject({ status: 200 });
    expect(header(ok, 'contact')).toContain('<sip:u7x3@3kq2.invalid;transport=ws>');
    expect(header(ok, 'contact')).toMatch(/;expires=300$/);
    expect(edge.registrar.lookup('demo', '1001', Date.now())).toMatchObject({
      sessionId: 'session-1',
      contactUri: 'sip:u7x3@3kq2.invalid;transport=ws',
    });
    expect(edge.registrar.lookup('other', '1001', Date.now())).toBeUndefined();
  });

  it('challenges a wrong password again and binds nothing', async () => {
    const edge = newEdge();
    const connection = new FakeConnection();
    expect(await registered(edge, connection, 'wrong')).toMatchObject({ status: 401 });
    expect(edge.registrar.lookup('demo', '1001', Date.now())).toBeUndefined();
    expect(connection.sent.join('')).not.toContain('secret');
  });

  it('refuses a username that names no live session', async () => {
    const edge = newEdge();
    const connection = new FakeConnection();
    await edge.receive(
      connection,
      register([`Authorization: ${authorizationFor(new DigestAuthenticator('agentsdk').challenge(), 'session-2', 'secret')}`]),
    );
    expect(connection.last()).toMatchObject({ status: 403 });
  });

  it('forgets a binding when the UA unregisters, its socket closes, it expires or its session ends', async () => {
    const edge = newEdge();
    const connection = new FakeConnection();
    await registered(edge, connection);
    expect(await registered(edge, connection, 'secret', ';expires=0')).toMatchObject({ status: 200 });
    expect(edge.registrar.lookup('demo', '1001', Date.now())).toBeUndefined();

    await registered(edge, connection);
    edge.disconnected(connection);
    expect(edge.registrar.lookup('demo', '1001', Date.now())).toBeUndefined();

    const again = new FakeConnection();
    await registered(edge, again);
    expect(edge.registrar.lookup('demo', '1001', Date.now() + 301_000)).toBeUndefined();

    await registered(edge, again);
    live = false;
    expect(edge.registrar.lookup('demo', '1001', Date.now())).toBeUndefined();
    live = true;
  });

  it("answers OPTIONS and keep-alives, refuses a UA's own INVITE and requests outside any dialog", async () => {
    const edge = newEdge();
    const connection = new FakeConnection();
    await edge.receive(
      connection,
      register().replace('REGISTER sip:127.0.0.1', 'OPTIONS sip:127.0.0.1').replace('2 REGISTER', '2 OPTIONS'),
    );
    expect(connection.last()).toMatchObject({ status: 200 });
    await edge.receive(
      connection,
      register().replace('REGISTER sip:127.0.0.1', 'INVITE sip:13800138000@127.0.0.1').replace('2 REGISTER', '2 INVITE'),
    );
    expect(connection.last()).toMatchObject({ status: 403 });
    await edge.receive(
      connection,
      register().replace('REGISTER sip:127.0.0.1', 'BYE sip:gateway@127.0.0.1').replace('2 REGISTER', '3 BYE'),
    );
    expect(connection.last()).toMatchObject({ status: 481 });
    await edge.receive(connection, '\r\n\r\n');
    expect(connection.sent.at(-1)).toBe('\r\n');
  });
});

describe('PCMU audio', () => {
  it('round-trips samples through µ-law within its precision', () => {
    for (const sample of [0, 100, -100, 1000, -5000, 20000, -32000]) {
      expect(Math.abs(mulawToLinear(linearToMulaw(sample)) - sample)).toBeLessThanOrEqual(Math.max(8, Math.abs(sample) / 16));
    }
  });

  it('generates a steady tone at 0.3 of full scale (RMS about 0.21) in 20 ms frames', () => {
    const tone = new ToneGenerator();
    const frames = [tone.next(), tone.next(), tone.next()];
    expect(frames.every((frame) => frame.length === 160)).toBe(true);
    for (const frame of frames) expect(pcmuLevel(frame)).toBeCloseTo(0.212, 1);
    expect(pcmuLevel(Buffer.alloc(160, 0xff))).toBe(0);
  });
});

describe('PCMA audio', () => {
  it('round-trips linear samples within A-law quantisation, with the reference code points', () => {
    expect(linearToAlaw(0)).toBe(0xd5);
    expect(alawToLinear(0xd5)).toBe(8);
    expect(linearToAlaw(32_767)).toBe(0xaa);
    expect(linearToAlaw(-32_768)).toBe(0x2a);
    for (let sample = -32_768; sample <= 32_767; sample += 97) {
      expect(Math.abs(alawToLinear(linearToAlaw(sample)) - sample)).toBeLessThanOrEqual(Math.max(16, Math.abs(sample) / 16));
    }
  });

  it('codes 20 ms frames both ways with payload type 8', () => {
    const frame = new ToneGenerator().nextSamples();
    const payload = PCMA.encode(frame);
    expect(PCMA.payloadType).toBe(8);
    expect(payload).toHaveLength(160);
    const decoded = PCMA.decode(payload);
    expect(Math.max(...decoded.map((sample, i) => Math.abs(sample - frame[i]!)))).toBeLessThan(700);
  });
});

describe('MOS estimate', () => {
  it('is near 4.4 on a clean line and falls with delay, jitter and loss', () => {
    expect(estimateMos(0, 0, 0)).toBeCloseTo(4.4, 1);
    expect(estimateMos(300, 30, 0)).toBeLessThan(estimateMos(20, 2, 0));
    expect(estimateMos(20, 2, 5)).toBeLessThan(estimateMos(20, 2, 0));
    expect(estimateMos(20, 2, 10)).toBeLessThan(3.8);
    expect(estimateMos(1000, 200, 50)).toBe(1);
  });
});
