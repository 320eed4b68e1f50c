/**
 * A client that stops reading does not make the gateway buffer without bound: past the send-buffer high-water mark
 * (1 MiB) the socket is closed with 4102, and the session waits for a resume with its replay buffer of 500 events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { agentChannel } from '../packages/gateway/src/ports/bus.js';
import { metricValue } from './helpers/metrics.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const PUBLISHED = 60_000;

interface Client {
  socket: WebSocket;
  frames: any[];
  closed: Promise<{ code: number; reason: string }>;
  request(id: string, action: string, params: unknown): Promise<any>;
}

async function connect(): Promise<Client> {
  const socket = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/ws?v=1`);
  const frames: any[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    socket,
    frames,
    closed,
    async request(id, action, params) {
      socket.send(JSON.stringify({ type: 'req', id, action, params }));
      await expect.poll(() => frames.find((frame) => frame.type === 'res' && frame.id === id), { interval: 5 }).toBeDefined();
      return frames.find((frame) => frame.type === 'res' && frame.id === id);
    },
  };
}

describe('a client that stops reading', () => {
  it('is closed with 4102 once the gateway holds 1 MiB for it, and can resume with the last 500 events', async () => {
    const sessionKey = await gateway.issueKey('1001');
    const reader = await connect();
    const login = await reader.request('1', 'login', {
      sessionKey,
      tenantId: 'demo',
      agentNo: '1001',
      bindEndpoint: { endpointType: 1, endpoint: '13600001001' },
      initialStatus: 1,
    });
    expect(login.code).toBe(0);
    await expect.poll(() => reader.frames.filter((frame) => frame.type === 'evt').length).toBe(1);

    // The client's TCP socket stops reading: everything the gateway sends piles up in the kernel, then in the gateway.
    (reader.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const status = reader.frames.find((frame) => frame.type === 'evt').data;
    const channel = agentChannel('demo', '1001');
    for (let n = 0; n < PUBLISHED; n += 1) {
      await gateway.services.bus.publish(channel, { kind: 'event', event: 'agentStatus', data: { ...status, stateSince: n } });
    }
    await expect.poll(() => metricValue(gateway, 'agent_gateway_slow_consumer_closes_total')).toBe(1);

    (reader.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await reader.closed).toEqual({ code: 4102, reason: 'too slow: the client is not reading its frames' });
    const received = reader.frames.filter((frame) => frame.type === 'evt');
    // What reached the client is what was in flight when the gateway gave up: far less than was published.
    expect(received.length).toBeLessThan(PUBLISHED / 2);
    expect(received.map((frame) => frame.seq)).toEqual(received.map((_frame, index) => index + 1));

    // 4102 does not end the session: a resume gets the events it still holds, at most 500, up to the latest.
    const resumed = await connect();
    const lastSeq = received.at(-1).seq;
    const response = await resumed.request('r', 'resume', { sessionId: login.sessionId, sessionKey, lastSeq });
    expect(response).toMatchObject({ code: 0 });
    const replayed = resumed.frames.filter((frame) => frame.type === 'evt').map((frame) => frame.seq);
    expect(replayed).toHaveLength(500);
    expect(replayed.at(-1)).toBe(PUBLISHED + 1);
    expect(replayed).toEqual(replayed.map((_seq, index) => PUBLISHED + 1 - 499 + index));
    resumed.socket.close();
  });
});
