/**
 * Benchmark: round-trip latency of agent operations through the real SDK over a real WebSocket to a gateway on
 * loopback, and the time from a customer's call entering a queue to the agent's `ringing` event.
 * Bounded: a fixed number of iterations; it stops by itself. Run: `npm run bench` (after `npm run build`).
 */
import { performance } from 'node:perf_hooks';
import { startGateway } from '@agentsdk/gateway';
import { createAgentSdk } from '@agentsdk/sdk';

const AGENTS = ['1001', '1002', '1003', '1004', '1005', '1006'];
const ROUNDS = 300;
const CALLS = 100;

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const summary = (samples) => ({
  n: samples.length,
  p50: +percentile(samples, 50).toFixed(2),
  p95: +percentile(samples, 95).toFixed(2),
  p99: +percentile(samples, 99).toFixed(2),
  max: +Math.max(...samples).toFixed(2),
});

async function api(gateway, method, path, body) {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: 'Bearer demo-api-key', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

async function signIn(gateway, agentNo) {
  const { sessionKey } = await api(gateway, 'POST', '/api/v1/tenants/demo/session-keys', { agentNo });
  const sdk = createAgentSdk({ baseURL: gateway.url });
  const started = performance.now();
  const response = await sdk.login({ tenantId: 'demo', agentNo, sessionKey, bindEndpoint: { endpointType: 1, endpoint: `1360000${agentNo}` }, initialStatus: 2, pauseDescription: 'busy' });
  if (response.code !== 0) throw new Error(response.message);
  return { sdk, loginMs: performance.now() - started };
}

// The benchmark measures latency, not the per-session rate limit (20 requests a second by default).
const unlimited = { perSecond: 1_000_000, burst: 1_000_000 };
const gateway = await startGateway({ port: 0, logLevel: 'silent', rateLimits: { sessionRequests: unlimited, tenantApiRequests: unlimited } });
try {
  const clients = [];
  const logins = [];
  for (const agentNo of AGENTS) {
    const client = await signIn(gateway, agentNo);
    clients.push(client.sdk);
    logins.push(client.loginMs);
  }

  console.error(`signed in ${clients.length} agents`);
  // pause/unpause round trips, all agents concurrently
  const roundTrips = [];
  await Promise.all(
    clients.map(async (sdk) => {
      for (let i = 0; i < ROUNDS; i++) {
        for (const operation of [() => sdk.unpause(), () => sdk.pause({ pauseType: 1 })]) {
          const started = performance.now();
          const response = await operation();
          if (response.code !== 0) throw new Error(`${response.action}: ${response.message}`);
          roundTrips.push(performance.now() - started);
        }
      }
    }),
  );

  console.error(`${roundTrips.length} round trips`);
  // queue call to ringing: one idle agent, calls one after another
  const [agent] = clients;
  await agent.unpause();
  await api(gateway, 'PUT', '/api/v1/tenants/demo/sim/numbers/13600001001', { behavior: 'no-answer' });
  const toRinging = [];
  for (let i = 0; i < CALLS; i++) {
    const ringing = new Promise((resolve) => agent.once('ringing', resolve));
    const started = performance.now();
    const { callId } = await api(gateway, 'POST', '/api/v1/tenants/demo/sim/inbound', { queueNo: '0', from: '13800138000' });
    await ringing;
    toRinging.push(performance.now() - started);
    const released = new Promise((resolve) => agent.once('sessionTerminate', resolve));
    await api(gateway, 'POST', `/api/v1/tenants/demo/sim/calls/${callId}/hangup`);
    await released;
    // the abandoned offer leaves the agent idle again; let its status settle before the next call
    await new Promise((resolve) => setTimeout(resolve, 5));
  }

  for (const sdk of clients) sdk.close();
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    loginMs: summary(logins),
    pauseUnpauseRoundTripMs: summary(roundTrips),
    inboundCallToRingingMs: summary(toRinging),
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  await gateway.close();
}
