/**
 * Operations against the gateway and against a bare `ws` echo server, with the same protocol client:
 * - the `pause` round trip, sequential on one connection (p50);
 * - a steady 2,000 operations a second over 100 sessions (pause and unpause in turn): the server's CPU time per
 *   operation (process.cpuUsage of the server process) and the p99 latency from send to response.
 */
import { performance } from 'node:perf_hooks';
import { ProtocolClient } from '../lib/protocol-client.mjs';
import { cpuDuring, startServerProcess } from '../lib/server-process.mjs';
import { signInAgents } from '../lib/sign-in.mjs';
import { percentile } from '../lib/statistics.mjs';

const SEQUENTIAL_WARMUP = 300;
const SEQUENTIAL_ROUNDS = 2_000;
const LOAD_SESSIONS = 100;
const LOAD_OPS_PER_SECOND = 2_000;
const LOAD_WARMUP_MS = 1_000;
const LOAD_MS = 5_000;
const TICK_MS = 5;

const PAUSE = ['pause', { pauseType: 1, pauseDescription: 'busy' }];
const UNPAUSE = ['unpause', undefined];

async function sequentialPauseMs(client) {
  const samples = [];
  for (let round = 0; round < SEQUENTIAL_WARMUP + SEQUENTIAL_ROUNDS; round++) {
    await client.request(...UNPAUSE);
    const started = performance.now();
    const response = await client.request(...PAUSE);
    if (round >= SEQUENTIAL_WARMUP) samples.push(performance.now() - started);
    if (response.code === -1) throw new Error(`pause: ${response.message}`);
  }
  return percentile(samples, 50);
}

/** Sends `opsPerSecond` requests spread over the clients for `durationMs`; resolves with the latencies. */
async function steadyLoad(clients, opsPerSecond, durationMs) {
  const latencies = [];
  const inFlight = [];
  const paused = clients.map(() => true);
  const started = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(Math.floor((elapsed * opsPerSecond) / 1000), Math.floor((durationMs * opsPerSecond) / 1000));
      for (; sent < due; sent++) {
        const index = sent % clients.length;
        const operation = paused[index] ? UNPAUSE : PAUSE;
        paused[index] = !paused[index];
        const sentAt = performance.now();
        inFlight.push(clients[index].request(...operation).then(() => latencies.push(performance.now() - sentAt)));
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  await Promise.all(inFlight);
  return latencies;
}

async function measureServer(server, clients, profile) {
  const p50 = await sequentialPauseMs(clients[0]);
  await steadyLoad(clients, LOAD_OPS_PER_SECOND, LOAD_WARMUP_MS);
  if (profile) await server.request('profileStart');
  const { result: latencies, cpuMicros } = await cpuDuring(server, () => steadyLoad(clients, LOAD_OPS_PER_SECOND, LOAD_MS));
  const profileRows = profile ? await server.request('profileStop') : undefined;
  return { pauseP50Ms: p50, cpuMicrosPerOp: cpuMicros / latencies.length, p99Ms: percentile(latencies, 99), profileRows };
}

export async function measureOperations({ dataDir, profile }) {
  const echo = await startServerProcess('bare-server.mjs', ['ws-echo']);
  let bare;
  try {
    const clients = await Promise.all(Array.from({ length: LOAD_SESSIONS }, () => ProtocolClient.connect(echo.url)));
    bare = await measureServer(echo, clients, false);
    for (const client of clients) client.close();
  } finally {
    await echo.stop();
  }

  const gateway = await startServerProcess('gateway-server.mjs', [JSON.stringify({ agentCount: LOAD_SESSIONS, dataDir })]);
  try {
    const clients = await signInAgents(gateway, { count: LOAD_SESSIONS, initialStatus: 2 });
    const measured = await measureServer(gateway, clients, profile);
    for (const client of clients) client.close();
    return { gateway: measured, bare };
  } finally {
    await gateway.stop();
  }
}
