/**
 * Memory per signed-in idle session: sessions are signed in (paused, so no call reaches them) up to checkpoints, and
 * the server's RSS and heap (after a full GC) are read at each, per session above the empty server. Then every
 * session sends one heartbeat ping, spread over a few seconds: the server's CPU time per ping. The baseline is a bare
 * `ws` echo server holding as many idle connections and echoing the same pings.
 */
import { inBatches, ProtocolClient } from '../lib/protocol-client.mjs';
import { cpuDuring, startServerProcess } from '../lib/server-process.mjs';
import { signInAgents } from '../lib/sign-in.mjs';

const PING_SPREAD_MS = 4_000;

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

/** Opens connections (or signs in sessions) up to each checkpoint, measuring memory per session at each. */
async function ramp(server, checkpoints, open) {
  const base = await server.request('memory');
  const clients = [];
  const measured = [];
  for (const checkpoint of checkpoints) {
    clients.push(...(await open(clients.length, checkpoint - clients.length)));
    measured.push({ sessions: checkpoint, ...perSession(base, await server.request('memory'), checkpoint) });
    console.error(`  ${checkpoint} sessions: ${JSON.stringify(measured.at(-1))}`);
  }
  const heartbeatCpuMicros = await pingAll(server, clients);
  for (const client of clients) client.close();
  return { checkpoints: measured, heartbeatCpuMicros };
}

export async function measureIdleSessions({ checkpoints, dataDir }) {
  const echo = await startServerProcess('bare-server.mjs', ['ws-echo']);
  let bare;
  try {
    bare = await ramp(echo, checkpoints, async (_from, count) => {
      const clients = new Array(count);
      await inBatches(count, 32, async (index) => (clients[index] = await ProtocolClient.connect(echo.url)));
      return clients;
    });
  } finally {
    await echo.stop();
  }
  const agentCount = checkpoints.at(-1);
  const gateway = await startServerProcess('gateway-server.mjs', [JSON.stringify({ agentCount, dataDir })]);
  try {
    const measured = await ramp(gateway, checkpoints, (from, count) => signInAgents(gateway, { from, count, initialStatus: 2 }));
    return { gateway: measured, bare };
  } finally {
    await gateway.stop();
  }
}
