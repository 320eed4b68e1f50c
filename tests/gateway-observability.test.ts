/**
 * What an operator sees: one structured log line per operation and per HTTP request, tagged with a request id and
 * free of secrets; Prometheus gauges for calls by phase and queue waits next to the counters that were there.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@agentsdk/gateway';
import { closeClients, signIn } from './helpers/agent-client.js';
import { metricValue, scrape } from './helpers/metrics.js';
import { openRawSocket } from './helpers/raw-socket.js';
import { simulatorApi } from './helpers/simulator.js';
import { DEMO_API_KEY, startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let clock: ManualClock;
const lines: string[] = [];
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  gateway = await startTestGateway({ clock, logLevel: 'debug', logDestination: destination, nodeId: 'edge-1' });
});
afterEach(closeClients);
afterAll(() => gateway.close());

const logged = () => lines.map((line) => JSON.parse(line));

describe('structured logs', () => {
  it('tag every operation with a request id of session and frame id, and never contain a secret', async () => {
    const sessionKey = await gateway.issueKey('1001');
    const agent = await signIn(gateway, '1001', { sessionKey });
    const sessionId = agent.log.of('loginResp')[0].sessionId;
    await agent.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' });
    expect((await agent.sdk.pause({ pauseType: 1, pauseDescription: 'no such reason' })).code).toBe(-1);
    gateway.liveSessions.dropSocket(sessionId);
    await agent.log.waitFor('connectionState', (s) => s.state === 'open', agent.log.entries.length);

    // A softphone sign-in is answered with a SIP password.
    const phone = await openRawSocket(gateway.url);
    const softphone = await phone.request('login', {
      sessionKey: await gateway.issueKey('1002'),
      tenantId: 'demo',
      agentNo: '1002',
      bindEndpoint: { endpointType: 3, endpoint: '' },
      initialStatus: 1,
    });
    phone.close();
    const revokedKey = await gateway.issueKey('1003');
    // The revocation URL carries the key it revokes.
    expect((await gateway.api('DELETE', `/api/v1/tenants/demo/session-keys/${revokedKey}`)).status).toBe(200);

    const entries = logged();
    const pause = entries.find((entry) => entry.msg === 'operation' && entry.action === 'pause');
    // Successes are logged at debug (the hot path writes nothing at info), refusals at info.
    expect(pause).toMatchObject({ sessionId, code: 0, level: 20 });
    expect(entries.filter((entry) => entry.msg === 'operation' && entry.action === 'pause' && entry.code === -1)).toMatchObject([
      { level: 30 },
    ]);
    expect(pause.requestId).toMatch(new RegExp(`^${sessionId}:[\\w-]+$`));
    expect(entries.find((entry) => entry.msg === 'request' && entry.action === 'login')?.params.sessionKey).toBe('[redacted]');
    expect(entries.find((entry) => entry.msg === 'request' && entry.action === 'resume')?.params).toMatchObject({
      sessionId,
      sessionKey: '[redacted]',
    });
    expect(entries.find((entry) => entry.msg === 'http' && entry.method === 'DELETE')).toMatchObject({
      route: '/api/v1/tenants/:tenantId/session-keys/:sessionKey',
      status: 200,
      requestId: expect.any(String),
    });

    const text = lines.join('\n');
    expect(softphone.sipPwd).toEqual(expect.any(String));
    const secrets = [sessionKey, revokedKey, DEMO_API_KEY, softphone.sipPwd];
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });
});

describe('Prometheus metrics', () => {
  it("report calls by phase and each queue's waiting callers and longest wait, computed when scraped", async () => {
    const sim = simulatorApi(gateway);
    const callId = await sim.inbound('2', '13800138123'); // queue 2: nobody of it is signed in
    await expect.poll(async () => (await gateway.services.calls.get(callId))?.phase).toBe('queued');
    clock.advance(30_000);

    expect(await metricValue(gateway, 'agent_gateway_calls', { tenant: 'demo', phase: 'queued' })).toBe(1);
    expect(await metricValue(gateway, 'agent_gateway_calls', { tenant: 'demo', phase: 'connected' })).toBe(0);
    expect(await metricValue(gateway, 'agent_gateway_queue_waiting_calls', { tenant: 'demo', queue: '2' })).toBe(1);
    expect(await metricValue(gateway, 'agent_gateway_queue_waiting_calls', { tenant: 'demo', queue: '0' })).toBe(0);
    expect(await metricValue(gateway, 'agent_gateway_queue_longest_wait_seconds', { tenant: 'demo', queue: '2' })).toBe(30);

    await sim.hangup(callId);
    await expect.poll(() => metricValue(gateway, 'agent_gateway_queue_waiting_calls', { queue: '2' })).toBe(0);
    expect(await metricValue(gateway, 'agent_gateway_queue_longest_wait_seconds', { queue: '2' })).toBe(0);

    const names = new Set((await scrape(gateway)).map((sample) => sample.name));
    for (const name of [
      'agent_gateway_sessions',
      'agent_gateway_connections',
      'agent_gateway_operations_total',
      'agent_gateway_operation_duration_seconds_count',
      'process_cpu_seconds_total',
    ]) {
      expect(names, name).toContain(name);
    }
  });
});

describe('node identity', () => {
  it('names the node in /healthz, in the metrics and on every log line', async () => {
    const health = await (await fetch(`${gateway.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', node: 'edge-1', boot: gateway.services.ownerId });
    expect(await metricValue(gateway, 'agent_gateway_node_info', { node: 'edge-1', boot: gateway.services.ownerId })).toBe(1);
    await gateway.api('GET', '/api/v1/tenants/demo/cdrs?limit=1');
    expect(logged().length).toBeGreaterThan(0);
    expect(logged().filter((line) => line.node !== 'edge-1')).toEqual([]);
  });
});
