/**
 * Memory per signed-in idle session: sessions are signed in (paused, so no call reaches them) up to checkpoints, and
 * the server's RSS and heap (after a full GC) are read at each, per session above the empty server. Then every
 * session sends one heartbeat ping, spread over a few seconds: the server's CPU time per ping. The baseline is a bare
 * `ws` echo server holding as many idle connections and echoing the same pings.
 */
import { performance } from 'node:perf_hooks';
import { inBatches, ProtocolClient } from '../lib/protocol-client.mjs';
import { cpuDuring, startServerProcess } from '../lib/server-process.mjs';
import { signInAgents } from '../lib/sign-in.mjs';

const PING_SPREAD_MS = 4_000;
/** The SDK's default heartbeat interval; the gateway closes a socket silent for three of them. */
const HEARTBEAT_MS = 30_000;
/** Sessions signed in between two looks at the clock. */
const RAMP_STEP = 1_000;

function perSession(base, now, count) {
  return { rssKiB: (now.rss - base.rss) / count / 1024, heapKiB: (now.heapUsed - base.heapUsed) / count / 1024 };
}

async function pingAll(server, clients) {
  const { cpuMicros } = await cpuDuring(server, async () => {
    const perTick = Math.ceil(clients.length / (PING_SPREAD_MS / 10));
    for (let start = 0; start < clients.length; start += perTick) {
      for (const client of clients.slice(start, start + perTick)) client.ping();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  return cpuMicros / clients.length;
}

/** Pings every open client once per HEARTBEAT_MS, a slice each second, as SDK clients keep their sessions alive. */
function keepAlive(clients) {
  let next = 0;
  const timer = setInterval(() => {
    const slice = Math.ceil(clients.length / (HEARTBEAT_MS / 1000));
    for (let sent = 0; sent < slice && clients.length > 0; sent++) clients[next++ % clients.length].ping();
  }, 1000);
  return () => clearInterval(timer);
}

/**
 * Opens connections (or signs in sessions) up to each checkpoint, measuring memory per session at each. Past
 * `deadline` it stops where it is and measures there: the ramp goes as far as the machine allows in the time.
 */
async function ramp(server, checkpoints, open, deadline = Infinity) {
  const base = await server.request('memory');
  const clients = [];
  const measured = [];
  const stopHeartbeats = keepAlive(clients);
  const started = performance.now();
  try {
    for (const checkpoint of checkpoints) {
      while (clients.length < checkpoint && performance.now() < deadline) {
        clients.push(...(await open(clients.length, Math.min(RAMP_STEP, checkpoint - clients.length))));
      }
      measured.push({ sessions: clients.length, ...perSession(base, await server.request('memory'), clients.length) });
      const { rssKiB, heapKiB } = measured.at(-1);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      console.error(
        `  ${clients.length} sessions after ${seconds} s: RSS ${rssKiB.toFixed(2)} KiB, heap ${heapKiB.toFixed(2)} KiB per session`,
      );
      if (clients.length < checkpoint) break;
    }
  } finally {
    stopHeartbeats();
  }
  const heartbeatCpuMicros = await pingAll(server, clients);
  for (const client of clients) client.close();
  return { checkpoints: measured, heartbeatCpuMicros };
}

/** The gateway ramps first, within `rampMs`; the echo server then holds exactly as many connections. */
export async function measureIdleSessions({ checkpoints, dataDir, rampMs }) {
  const agentCount = checkpoints.at(-1);
  const gateway = await startServerProcess('gateway-server.mjs', [JSON.stringify({ agentCount, dataDir })]);
  let measured;
  try {
    const open = (from, count) => signInAgents(gateway, { from, count, initialStatus: 2 });
    measured = await ramp(gateway, checkpoints, open, performance.now() + rampMs);
  } finally {
    await gateway.stop();
  }
  const echo = await startServerProcess('bare-server.mjs', ['ws-echo']);
  try {
    const bare = await ramp(
      echo,
      measured.checkpoints.map((checkpoint) => checkpoint.sessions),
      async (_from, count) => {
        const clients = new Array(count);
        await inBatches(count, 32, async (index) => (clients[index] = await ProtocolClient.connect(echo.url)));
        return clients;
      },
    );
    return { gateway: measured, bare };
  } finally {
    await echo.stop();
  }
}
