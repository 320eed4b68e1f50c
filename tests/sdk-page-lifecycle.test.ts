/**
 * Page lifecycle: when the page comes back online, is shown again or resumes from freeze, the SDK checks its
 * connection at once: a reconnect waiting out its back-off tries now, and an open socket that no longer carries
 * frames is found dead within seconds (not two heartbeat intervals) and replaced by a resumed one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { closeClients, signIn } from './helpers/agent-client.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

/** A page's `window` and `document`, as event targets the test dispatches lifecycle signals on. */
const page = new EventTarget();
const pageDocument = Object.assign(new EventTarget(), { visibilityState: 'visible' });

/** Every socket the SDK opens, so a test can stop one from receiving anything (a half-dead connection). */
const sockets: NodeWebSocket[] = [];
class RecordedWebSocket extends NodeWebSocket {
  constructor(url: string) {
    super(url);
    sockets.push(this);
  }
}

const SLOW_RECONNECT = { reconnect: { initialDelayMs: 20_000, maxDelayMs: 20_000, maxAttempts: 3 }, heartbeatIntervalMs: 60_000 };

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
  Object.assign(globalThis, {
    addEventListener: page.addEventListener.bind(page),
    removeEventListener: page.removeEventListener.bind(page),
    document: pageDocument,
    WebSocket: RecordedWebSocket,
  });
});
afterEach(closeClients);
afterAll(async () => {
  for (const name of ['addEventListener', 'removeEventListener', 'document', 'WebSocket'])
    delete (globalThis as Record<string, unknown>)[name];
  await gateway.close();
});

async function droppedAndWaiting(agentNo: string) {
  const agent = await signIn(gateway, agentNo, {}, SLOW_RECONNECT);
  gateway.liveSessions.dropSocket(agent.sdk.getState().session!.sessionId);
  await agent.log.waitFor('reconnectAttempt');
  return agent;
}

describe('page lifecycle', () => {
  it.each([
    ['online', () => page.dispatchEvent(new Event('online'))],
    ['visibilitychange to visible', () => pageDocument.dispatchEvent(new Event('visibilitychange'))],
    ['resume after freeze', () => pageDocument.dispatchEvent(new Event('resume'))],
  ])('%s: a reconnect waiting out a 20 s back-off tries at once and resumes the session', async (_signal, dispatch) => {
    const agent = await droppedAndWaiting('1001');
    const started = Date.now();
    dispatch();
    await agent.log.waitFor('connectionState', (e) => e.state === 'open', agent.log.entries.length - 1, 3_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await agent.sdk.pause({ pauseType: 1, pauseDescription: 'busy' })).toMatchObject({ code: 0 });
  });

  it('online with a socket that no longer carries frames: found dead within seconds, then resumed', async () => {
    const opened = sockets.length;
    const agent = await signIn(
      gateway,
      '1002',
      {},
      { ...SLOW_RECONNECT, reconnect: { initialDelayMs: 50, maxDelayMs: 50, maxAttempts: 5 } },
    );
    // The socket this client signed in on (a client closed by an earlier case may still have opened one meanwhile).
    const socket = sockets[opened] as unknown as { _socket: { pause(): void } };
    socket._socket.pause();
    const mark = agent.log.entries.length;
    page.dispatchEvent(new Event('online'));
    expect(await agent.log.waitFor('connectionState', (e) => e.state === 'reconnecting', mark, 5_000)).toMatchObject({
      reason: 'no answer to a liveness check',
    });
    await agent.log.waitFor('connectionState', (e) => e.state === 'open', mark, 5_000);
    expect(agent.sdk.getState().connection).toBe('open');
  });

  it('a healthy socket passes the check and stays open', async () => {
    const agent = await signIn(gateway, '1003', {}, SLOW_RECONNECT);
    const mark = agent.log.entries.length;
    page.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(agent.log.names().slice(mark)).not.toContain('connectionState');
  });
});
