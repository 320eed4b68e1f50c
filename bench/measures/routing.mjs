/**
 * Inbound calls routed per second with thousands of idle agents signed in: customers' calls are placed through the
 * simulator API as fast as `concurrency` HTTP clients can, and a call counts as routed when its agent's `agentStatus`
 * names it. Every offer is checked: no call may reach two agents, no agent may get two calls. The baseline is a bare
 * node:http server answering the same number of POSTs from the same client.
 */
import { performance } from 'node:perf_hooks';
import { inBatches } from '../lib/protocol-client.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { signInAgents } from '../lib/sign-in.mjs';

const CONCURRENCY = 16;
const ROUTING_TIMEOUT_MS = 120_000;

async function postAll(url, count, body) {
  const started = performance.now();
  await inBatches(count, CONCURRENCY, async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer bench-api-key', 'content-type': 'application/json' },
      body,
    });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  });
  return performance.now() - started;
}

export async function measureRouting({ agentCount, calls, dataDir, profile }) {
  const bare = await startServerProcess('bare-server.mjs', ['http']);
  const bareMs = await postAll(`${bare.url}/`, calls, '{"queueNo":"0","from":"13800138000"}');
  await bare.stop();

  const gateway = await startServerProcess('gateway-server.mjs', [JSON.stringify({ agentCount, dataDir })]);
  try {
    const agentsOfCall = new Map();
    const callsOfAgent = new Map();
    let routedAt = 0;
    let allRouted;
    const done = new Promise((resolve) => (allRouted = resolve));
    await signInAgents(gateway, {
      count: agentCount,
      initialStatus: 1,
      onClient: (client, index) => {
        client.onEvent = ({ event, data }) => {
          if (event !== 'agentStatus' || data.callId === undefined) return;
          const agentNo = gateway.agentNos[index];
          if (!agentsOfCall.has(data.callId)) agentsOfCall.set(data.callId, new Set());
          agentsOfCall.get(data.callId).add(agentNo);
          if (!callsOfAgent.has(agentNo)) callsOfAgent.set(agentNo, new Set());
          callsOfAgent.get(agentNo).add(data.callId);
          if (agentsOfCall.size === calls && !routedAt) {
            routedAt = performance.now();
            allRouted();
          }
        };
      },
    });
    console.error(`  ${agentCount} agents signed in and idle; placing ${calls} calls`);
    if (profile) await gateway.request('profileStart');
    const started = performance.now();
    await postAll(`${gateway.url}/api/v1/tenants/bench/sim/inbound`, calls, '{"queueNo":"0","from":"13800138000"}');
    const timeout = new Promise((resolve) => setTimeout(resolve, ROUTING_TIMEOUT_MS).unref());
    await Promise.race([done, timeout]);
    const profileRows = profile ? await gateway.request('profileStop') : undefined;
    const elapsedMs = (routedAt || performance.now()) - started;
    const doubleAssignments =
      [...agentsOfCall.values()].filter((agents) => agents.size > 1).length +
      [...callsOfAgent.values()].filter((ids) => ids.size > 1).length;
    return {
      routedPerSecond: (agentsOfCall.size / elapsedMs) * 1000,
      routed: agentsOfCall.size,
      doubleAssignments,
      bareRequestsPerSecond: (calls / bareMs) * 1000,
      profileRows,
    };
  } finally {
    await gateway.stop();
  }
}
