/**
 * `observability: true`: the SDK batches its own errors, handler exceptions, reconnects and `track()` calls and
 * uploads them to POST /api/v1/observability/events, authenticated by the session; the gateway logs and counts them.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeClients, endpointOf, newClient, signIn } from './helpers/agent-client.js';
import { metricValue } from './helpers/metrics.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { succeeded } from './helpers/responses.js';

let gateway: TestGateway;
const lines: string[] = [];
beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  gateway = await startTestGateway({ logLevel: 'info', logDestination: destination });
});
afterEach(() => {
  closeClients();
  vi.restoreAllMocks();
});
afterAll(() => gateway.close());

const received = (type: string) => metricValue(gateway, 'agent_gateway_sdk_telemetry_events_total', { type });
const telemetryLog = () => lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'sdk telemetry');

describe('SDK telemetry', () => {
  it('uploads local errors, handler exceptions, reconnects and track() calls of the session', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sessionKey = await gateway.issueKey('1001');
    const client = newClient(gateway, { observability: true });
    // Before sign-in there is no session to upload with: the error waits.
    await expect(client.sdk.pause({ pauseType: 1 })).rejects.toMatchObject({ code: 'WS_NOT_CONNECTED' });
    const login = succeeded(
      await client.sdk.login({ tenantId: 'demo', agentNo: '1001', sessionKey, bindEndpoint: endpointOf('1001'), initialStatus: 1 }),
    );
    const sessionId = login.sessionId;
    client.sdk.once('agentStatus', () => {
      throw new Error('the CRM widget broke');
    });
    await client.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' });
    client.sdk.track('crm.ticketOpened', { ticket: 'T-1', sessionKey });
    gateway.liveSessions.dropSocket(sessionId);
    await client.log.waitFor('connectionState', (s) => s.state === 'open', client.log.entries.length);
    client.sdk.close(); // uploads what is queued

    await expect.poll(() => received('custom')).toBe(1);
    expect(await received('error')).toBe(1);
    expect(await received('handlerError')).toBe(1);
    expect(await received('reconnect')).toBeGreaterThanOrEqual(2);

    const entries = telemetryLog().filter((entry) => entry.sessionId === sessionId);
    expect(entries.map((entry) => entry.sdkEvent.name)).toEqual(
      expect.arrayContaining(['WS_NOT_CONNECTED', 'agentStatus', 'reconnecting', 'reconnectAttempt', 'crm.ticketOpened']),
    );
    expect(entries.find((entry) => entry.sdkEvent.type === 'error')).toMatchObject({
      tenantId: 'demo',
      agentNo: '1001',
      sdkEvent: { data: { operation: 'pause' } },
    });
    expect(entries.find((entry) => entry.sdkEvent.type === 'handlerError').sdkEvent.data).toEqual({ message: 'the CRM widget broke' });
    expect(entries.find((entry) => entry.sdkEvent.type === 'custom').sdkEvent.data).toEqual({ ticket: 'T-1', sessionKey: '[redacted]' });
    expect(lines.some((line) => line.includes(sessionKey))).toBe(false);
  });

  it('uploads as soon as 50 events are queued', async () => {
    const agent = await signIn(gateway, '1002', {}, { observability: true });
    const before = await received('custom');
    for (let n = 0; n < 50; n += 1) agent.sdk.track('widget.rendered', { n });
    await expect.poll(() => received('custom')).toBe(before + 50);
  });

  it('keeps at most 500 events while it cannot upload, dropping the oldest', async () => {
    const client = newClient(gateway, { observability: true });
    for (let n = 0; n < 600; n += 1) client.sdk.track(`queued.${n}`);
    const before = await received('custom');
    await client.sdk.login({
      tenantId: 'demo',
      agentNo: '1003',
      sessionKey: await gateway.issueKey('1003'),
      bindEndpoint: endpointOf('1003'),
      initialStatus: 1,
    });
    await expect.poll(() => received('custom')).toBe(before + 500);
    const names = telemetryLog()
      .map((entry) => entry.sdkEvent.name)
      .filter((name) => name.startsWith('queued.'));
    expect(names[0]).toBe('queued.100');
    expect(names.at(-1)).toBe('queued.599');
  });

  it('uploads nothing when observability is off', async () => {
    const agent = await signIn(gateway, '1004');
    const before = await received('custom');
    for (let n = 0; n < 60; n += 1) agent.sdk.track('ignored');
    agent.sdk.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await received('custom')).toBe(before);
    expect(() => agent.sdk.track('')).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });

  it('refuses an upload whose session key does not match', async () => {
    const agent = await signIn(gateway, '1005');
    const body = JSON.stringify({
      sessionId: agent.log.of('loginResp')[0].sessionId,
      sessionKey: 'guess',
      events: [{ type: 'custom', name: 'x', ts: 1 }],
    });
    const response = await fetch(`${gateway.url}/api/v1/observability/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(401);
  });
});
