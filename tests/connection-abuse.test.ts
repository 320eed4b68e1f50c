/**
 * Connections that do not sign in are not kept, one address cannot hold the gateway's sockets, and guessing session
 * keys is slow whether the guesses come on one socket or many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { metricValue } from './helpers/metrics.js';
import { openRawSocket, openSignedInRawSocket, type RawSocket } from './helpers/raw-socket.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';

let gateway: TestGateway;
/** Its own gateway, so the attempts counted are this case's alone. */
let guarded: TestGateway;
const sockets: RawSocket[] = [];
beforeAll(async () => {
  gateway = await startTestGateway({ signInTimeoutMs: 1_500, maxConnectionsPerAddress: 4 });
  guarded = await startTestGateway({
    rateLimits: { signInsPerAddress: { perSecond: 0.001, burst: 8 }, signInsPerAgent: { perSecond: 0.001, burst: 3 } },
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all([gateway.close(), guarded.close()]);
});

async function open(on: TestGateway = gateway): Promise<RawSocket> {
  const socket = await openRawSocket(on.url);
  sockets.push(socket);
  return socket;
}

/** The HTTP status that refused a WebSocket upgrade, or 'open'. */
function upgradeStatus(): Promise<'open' | number> {
  const socket = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/ws?v=1`);
  socket.on('error', () => undefined); // a refused upgrade also reports an error; the status says it all
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
  });
}

const wrongKeyLogin = (socket: RawSocket, agentNo: string) =>
  socket.request('login', {
    sessionKey: 'guessed-key',
    tenantId: 'demo',
    agentNo,
    bindEndpoint: { endpointType: 1, endpoint: '13600000000' },
    initialStatus: 1,
  });

describe('connection abuse', () => {
  it('closes a socket that pings but never signs in, and keeps one that signed in', async () => {
    const anonymous = await open();
    const timer = setInterval(() => anonymous.sendText(JSON.stringify({ type: 'ping', ts: Date.now() })), 100);
    const signedIn = await openSignedInRawSocket(gateway, '1001');
    sockets.push(signedIn);
    let signedInClosed = false;
    void signedIn.closed.then(() => (signedInClosed = true));
    try {
      expect(await anonymous.closed).toMatchObject({ code: 4103 });
    } finally {
      clearInterval(timer);
    }
    // Past the signed-in socket's own sign-in deadline, it stays open: a bounded wait, as nothing is to happen.
    await expectNothingWithin(1_600, () => expect(signedInClosed).toBe(false));
    expect(await signedIn.request('pause', { pauseType: 1, pauseDescription: 'MEETING' })).toMatchObject({ code: 0 });
    expect(await metricValue(gateway, 'agent_gateway_connections_refused_total', { reason: 'signInTimeout' })).toBe(1);
    signedIn.close();
    await signedIn.closed;
  });

  it('refuses more open sockets per client address than allowed, and takes new ones as old ones close', async () => {
    const held = await Promise.all([open(), open(), open(), open()]);
    expect(await upgradeStatus()).toBe(429);
    held[0]!.close();
    await held[0]!.closed;
    expect(await upgradeStatus()).toBe('open');
    for (const socket of held) socket.close();
    await Promise.all(held.map((socket) => socket.closed));
  });

  it('limits sign-in attempts per agent and per address across sockets', async () => {
    const guesses: any[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = await open(guarded);
      guesses.push(await wrongKeyLogin(socket, '1002'), await wrongKeyLogin(socket, '1002'));
      socket.close();
      await socket.closed;
    }
    expect(guesses.slice(0, 3).map((response) => response.errorCode)).toEqual([30002, 30002, 30002]);
    expect(guesses.slice(3).map((response) => response.errorCode)).toEqual([30011, 30011, 30011]);
    expect(guesses[3].message).toContain('sign-in attempts for this agent');

    // Other agents are not limited by those guesses, but this address soon is (8 attempts in all, 6 of them above).
    const socket = await open(guarded);
    const others = [];
    for (const agentNo of ['1003', '1004', '1005', '1006', '1007']) others.push(await wrongKeyLogin(socket, agentNo));
    expect(others.map((response) => response.errorCode)).toEqual([30002, 30002, 30011, 30011, 30011]);
    expect(others[2].message).toContain('sign-in attempts from this address');
    expect(await metricValue(guarded, 'agent_gateway_rate_limited_total', { scope: 'signIn' })).toBe(6);
  });
});
