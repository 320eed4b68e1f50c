/**
 * Inbound calls routed per second with thousands of idle agents signed in: customers' calls are placed through the
 * simulator API as fast as `concurrency` HTTP clients can, and a call counts as routed when its agent's `agentStatus`
 * names it. Every offer is checked: no call may reach two agents, no agent may get two calls. The baseline is a bare
 * node:http server answering the same number of POSTs from the same client.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { inBatches } from '../lib/protocol-client.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { signInAgents } from '../lib/sign-in.mjs';

const CONCURRENCY = 16;
const ROUTING_TIMEOUT_MS = 120_000;

/**
 * POSTs `body` `count` times over `CONCURRENCY` kept-alive connections with node:http: `fetch` (undici) costs the
 * runner several times more per request, enough to be the limit of this measure rather than the server.
 */
async function postAll(url, count, body) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const headers = { authorization: 'Bearer bench-api-key', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  const started = performance.now();
  await inBatches(count, CONCURRENCY, () => post(url, { agent, headers }, body));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return elapsedMs;
}

function post(url, options, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', ...options }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(undefined);
        else reject(new Error(`${url}: ${response.statusCode} ${Buffer.concat(chunks).toString()}`));
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
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
