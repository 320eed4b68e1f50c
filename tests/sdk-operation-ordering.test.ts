/**
 * Honest ordering: an operation's Promise resolves once the state it changed is visible to the SDK. A page that
 * renders right after `await` already has the `agentStatus` (or call event) showing the change, in its event handlers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { connectedInboundCall } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

/**
 * On loopback the response and the events after it often arrive in one read and are all delivered before any
 * `await` resumes. Over a real network each frame is its own task: this socket delivers every frame in its own task.
 */
class FramePerTaskWebSocket extends NodeWebSocket {
  constructor(url: string) {
    super(url);
    // The close is delayed like the frames, so it still comes after them.
    for (const property of ['onmessage', 'onclose'] as const) {
      const { get, set } = Object.getOwnPropertyDescriptor(NodeWebSocket.prototype, property)!;
      Object.defineProperty(this, property, {
        get: () => get!.call(this),
        set: (handler: ((event: unknown) => void) | null) =>
          set!.call(this, handler === null ? null : (event: unknown) => void setTimeout(() => handler(event), 1)),
      });
    }
  }
}

let gateway: TestGateway;
let sim: SimulatorApi;
beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
  (globalThis as { WebSocket?: unknown }).WebSocket = FramePerTaskWebSocket;
});
afterEach(closeClients);
afterAll(async () => {
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
  await gateway.close();
});

/** The events a client emitted after `mark`, as `name` or `name:stateAction`. */
function seenSince(client: TestClient, mark: number): string[] {
  return client.log.entries.slice(mark).map(({ event, data }) => (event === 'agentStatus' ? `${event}:${data.stateAction}` : event));
}

describe('an operation resolves after the event that shows its effect', () => {
  it('login, pause, unpause, logout: the agentStatus has been emitted when the Promise resolves', async () => {
    const agent = await signIn(gateway, '1001');
    expect(seenSince(agent, 0)).toContain('agentStatus:login');

    let mark = agent.log.entries.length;
    expect(await agent.sdk.pause({ pauseType: 1, pauseDescription: 'busy' })).toMatchObject({ code: 0 });
    expect(seenSince(agent, mark)).toEqual(['pauseResp', 'agentStatus:pause']);

    mark = agent.log.entries.length;
    expect(await agent.sdk.unpause()).toMatchObject({ code: 0 });
    expect(seenSince(agent, mark)).toEqual(['unpauseResp', 'agentStatus:unpause']);

    mark = agent.log.entries.length;
    expect(await agent.sdk.logout({ logoutMode: 1 })).toMatchObject({ code: 0 });
    expect(seenSince(agent, mark).slice(0, 2)).toEqual(['logoutResp', 'agentStatus:logout']);
  });

  it('a refusal resolves at once with its response alone', async () => {
    const agent = await signIn(gateway, '1002');
    const mark = agent.log.entries.length;
    const started = Date.now();
    expect(await agent.sdk.unpause()).toMatchObject({ code: -1, errorCode: 30013 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(seenSince(agent, mark)).toEqual(['unpauseResp']);
    await agent.sdk.logout({ logoutMode: 1 });
  });

  it('hold and mute: the call event has been emitted when the Promise resolves', async () => {
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138700');
    let mark = agent.log.entries.length;
    expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
    expect(agent.log.entries.slice(mark).map((entry) => entry.event)).toEqual(['holdResp', 'callHeld']);

    mark = agent.log.entries.length;
    expect(await agent.sdk.mute({ direction: 'out' })).toMatchObject({ code: 0 });
    expect(agent.log.entries.slice(mark).map((entry) => entry.event)).toEqual(['muteResp', 'callMuted']);
    await sim.hangup(callId);
  });
});
