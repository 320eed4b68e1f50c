/**
 * A request repeated with the same id in the same session runs once: the gateway answers the repeat from the
 * session's response cache, and the SDK sends a request that was in flight when its socket dropped again after the
 * resume, with the same id.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DebugEntry } from '@agentsdk/sdk';
import { closeClients, signIn } from './helpers/agent-client.js';
import { metricValue } from './helpers/metrics.js';
import { openSignedInRawSocket, type RawSocket } from './helpers/raw-socket.js';
import { RELAXED_RATE_LIMITS, startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ rateLimits: RELAXED_RATE_LIMITS });
});
afterEach(closeClients);
afterAll(() => gateway.close());

const sessionIdOf = (client: { log: { of(name: 'loginResp'): any[] } }) => client.log.of('loginResp')[0].sessionId as string;

/** The requests a client put on the wire, by id, from its debug hook. */
function sentRequests(entries: DebugEntry[]): Map<string, string[]> {
  const sent = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.kind !== 'sent' || (entry.frame as any).type !== 'req') continue;
    const { id, action } = entry.frame as { id: string; action: string };
    sent.set(id, [...(sent.get(id) ?? []), action]);
  }
  return sent;
}

const signedInBusy = (agentNo: string) => openSignedInRawSocket(gateway, agentNo, { initialStatus: 2, pauseDescription: 'MEETING' });

/** Sends a request frame with a chosen id and waits for the response with that id after `fromIndex`. */
async function requestWithId(socket: RawSocket, id: string, action: string, params?: unknown): Promise<any> {
  const fromIndex = socket.frames.length;
  socket.sendText(JSON.stringify({ type: 'req', id, action, params }));
  return vi.waitFor(
    () => {
      const response = socket.frames.slice(fromIndex).find((frame) => frame.type === 'res' && frame.id === id);
      if (!response) throw new Error(`no response to ${action} ${id}`);
      return response;
    },
    { timeout: 2_000, interval: 1 },
  );
}

describe('the gateway answers a repeated request id once', () => {
  it('answers the repeat with the first response without running the operation again', async () => {
    const socket = await signedInBusy('1001');
    const before = await metricValue(gateway, 'agent_gateway_operations_total', { action: 'unpause' });
    const first = await requestWithId(socket, 'u-1', 'unpause');
    expect(first).toMatchObject({ code: 0, action: 'unpauseResp' });
    const version = (await gateway.services.store.agents.get('demo', '1001'))?.version;

    // Run again, unpause would be refused with 30013 "already ready".
    const repeat = await requestWithId(socket, 'u-1', 'unpause');
    expect(repeat).toEqual(first);
    expect((await gateway.services.store.agents.get('demo', '1001'))?.version).toBe(version);
    expect(await metricValue(gateway, 'agent_gateway_operations_total', { action: 'unpause' })).toBe(before + 1);
    expect(await requestWithId(socket, 'u-2', 'unpause')).toMatchObject({ code: -1, errorCode: 30013 });
    socket.close();
  });

  it('refuses an id reused for another action', async () => {
    const socket = await signedInBusy('1002');
    await requestWithId(socket, 'x', 'unpause');
    expect(await requestWithId(socket, 'x', 'pause', { pauseType: 1 })).toMatchObject({
      code: -1,
      errorCode: 20000,
      message: 'bad param: request id x was already used by unpause',
    });
    expect((await gateway.services.agents.current('demo', '1002')).loginStatus).toBe(1);
    socket.close();
  });

  it('keeps the latest 200 responses of a session', async () => {
    const socket = await signedInBusy('1003');
    for (let n = 1; n <= 201; n += 1) await requestWithId(socket, `h-${n}`, 'hold');
    const repeated = await metricValue(gateway, 'agent_gateway_repeated_requests_total');
    await requestWithId(socket, 'h-2', 'hold');
    expect(await metricValue(gateway, 'agent_gateway_repeated_requests_total')).toBe(repeated + 1);
    await requestWithId(socket, 'h-1', 'hold'); // evicted: runs again
    expect(await metricValue(gateway, 'agent_gateway_repeated_requests_total')).toBe(repeated + 1);
    socket.close();
  });
});

describe('the SDK sends an unanswered request again after a resume', () => {
  it('runs an operation whose response was lost with the socket once, and resolves it with that response', async () => {
    const entries: DebugEntry[] = [];
    const agent = await signIn(
      gateway,
      '1004',
      { initialStatus: 2, pauseDescription: 'MEETING' },
      { debugHook: (entry) => entries.push(entry) },
    );
    const executed = await metricValue(gateway, 'agent_gateway_operations_total', { action: 'unpause' });
    const repeated = await metricValue(gateway, 'agent_gateway_repeated_requests_total');
    const mark = agent.log.entries.length;

    // The gateway reads the request after it started closing the socket: it runs it, but the response is lost.
    const unpaused = agent.sdk.unpause();
    expect(gateway.liveSessions.dropSocket(sessionIdOf(agent))).toBe(true);

    expect(await unpaused).toMatchObject({ code: 0, action: 'unpauseResp' });
    expect(await metricValue(gateway, 'agent_gateway_operations_total', { action: 'unpause' })).toBe(executed + 1);
    expect(await metricValue(gateway, 'agent_gateway_repeated_requests_total')).toBe(repeated + 1);
    const unpauses = [...sentRequests(entries).entries()].filter(([, actions]) => actions[0] === 'unpause');
    expect(unpauses).toHaveLength(1);
    expect(unpauses[0]?.[1]).toEqual(['unpause', 'unpause']);
    // The agent went idle once: the replayed event, then the resume snapshot.
    const statuses = agent.log.entries
      .slice(mark)
      .filter((e) => e.event === 'agentStatus')
      .map((e) => e.data.stateAction);
    expect(statuses).toEqual(['unpause', 'unpause']);
    expect(agent.log.of('unpauseResp')).toHaveLength(1);
  });

  it('does not send again a request older than requestTimeoutMs', async () => {
    const entries: DebugEntry[] = [];
    const agent = await signIn(
      gateway,
      '1005',
      {},
      {
        requestTimeoutMs: 150,
        reconnect: { initialDelayMs: 800, maxDelayMs: 800, maxAttempts: 5 },
        debugHook: (entry) => entries.push(entry),
      },
    );
    const paused = agent.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' });
    gateway.liveSessions.dropSocket(sessionIdOf(agent));
    await expect(paused).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT', details: { action: 'pause', timeoutMs: 150 } });
    await agent.log.waitFor('connectionState', (s) => s.state === 'open', 0, 5_000);
    // A resend would follow the reconnection at once; that none does has no event to wait for: a bounded wait.
    await expectNothingWithin(50, () => {
      const pauses = [...sentRequests(entries).values()].filter((actions) => actions[0] === 'pause');
      expect(pauses).toEqual([['pause']]);
    });
    // It ran once, before the drop.
    expect(await gateway.services.agents.current('demo', '1005')).toMatchObject({ loginStatus: 2, pauseDescription: 'MEETING' });
  });

  it('rejects the requests in flight when the session ends instead of resuming', async () => {
    const agent = await signIn(gateway, '1006');
    const paused = agent.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' });
    agent.sdk.close();
    await expect(paused).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED' });
  });
});
