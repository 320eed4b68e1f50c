/**
 * A cluster as shipped: three gateway processes on one Redis behind Debian's HAProxy with deploy/haproxy.cfg. Thirty
 * agents sign in through the load balancer and answer a few hundred calls entering on all three nodes at once: every
 * call is offered once and answered. Then one node is killed mid-call: its agents resume through HAProxy on the
 * others within 3 s, the calls it carried end honestly, and the calls the other nodes carry go on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TENANT_FILE } from '@agentsdk/gateway';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { haproxyPresent, HAPROXY, startHaproxy, type LoadBalancer } from './helpers/haproxy.js';
import { HAPROXY_TEMPLATE } from '../scripts/cluster/local-haproxy.mjs';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { simulatorApi } from './helpers/simulator.js';
import { gatewayApiAt } from './helpers/test-gateway.js';

const AGENT_COUNT = 30;
const CALL_COUNT = 300;
const CUSTOMER = '13800150000';
const agentNos = Array.from({ length: AGENT_COUNT }, (_, index) => String(2001 + index));

const redis = await connectTestRedis();
const prefix = randomKeyPrefix();
const dir = mkdtempSync(join(tmpdir(), 'agent-gateway-cluster-'));
const nodes: GatewayProcess[] = [];
let balancer: LoadBalancer | undefined;

/** The demo tenant with thirty agents on one queue, no wrap-up, and calls that wait as long as it takes. */
function writeTenantFile(): string {
  const demo = JSON.parse(readFileSync(DEMO_TENANT_FILE, 'utf8'));
  const tenant = {
    ...demo,
    queues: [{ queueNo: '0', name: 'General', strategy: 'longest-idle', ringTimeoutSeconds: 20, wrapupSeconds: 0, queueTimeoutSeconds: 600 }],
    agents: agentNos.map((agentNo) => ({ agentNo, name: `Agent ${agentNo}`, role: 'agent', queues: ['0'] })),
    autoDialTasks: [],
  };
  const file = join(dir, 'tenant.json');
  writeFileSync(file, JSON.stringify(tenant));
  return file;
}

beforeAll(async () => {
  if (!redis || !haproxyPresent) return;
  const tenants = writeTenantFile();
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    AGENT_GATEWAY_REDIS_PREFIX: prefix,
    AGENT_GATEWAY_TENANTS: tenants,
    // Short, so a killed node's calls end soon; not so short that a node stalled by the burst on a busy machine lapses.
    AGENT_GATEWAY_LEASE_RENEW_MS: '500',
    AGENT_GATEWAY_LEASE_LAPSE_MS: '3000',
  };
  nodes.push(...(await Promise.all(['a', 'b', 'c'].map((id) => spawnGateway({ env: { ...env, AGENT_GATEWAY_NODE_ID: `node-${id}` } })))));
  balancer = await startHaproxy(nodes.map((node) => node.port));
  for (const node of nodes) {
    const sim = simulatorApi(node);
    for (const agentNo of agentNos) await sim.setBehaviour(`1360000${agentNo}`, { behavior: 'answer', answerAfterMs: 50 });
  }
}, 60_000);
afterEach(closeClients);
afterAll(async () => {
  await balancer?.stop();
  await Promise.all(nodes.map((node) => node.kill()));
  rmSync(dir, { recursive: true, force: true });
  if (!redis) return;
  await removeKeys(redis, prefix);
  await redis.quit();
});

const PATIENT = { heartbeatIntervalMs: 1_000, reconnect: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 300 } };

/** The boot id of each node, to tell which node holds an agent's socket and which owns a call. */
const bootOf = async (node: GatewayProcess) => (await (await fetch(`${node.url}/healthz`)).json()).boot as string;

const skipReason = !redis ? ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)` : !haproxyPresent ? ` (skipped: no ${HAPROXY})` : '';

describe('the HAProxy configuration', () => {
  it('is shown in docs/deployment.md as deploy/haproxy.cfg has it', () => {
    const docs = readFileSync(new URL('../docs/deployment.md', import.meta.url), 'utf8');
    const shown = docs.slice(docs.indexOf('```haproxy\n') + '```haproxy\n'.length);
    expect(shown.slice(0, shown.indexOf('```'))).toBe(readFileSync(HAPROXY_TEMPLATE, 'utf8'));
  });
});

describe.skipIf(skipReason !== '')(`three nodes behind HAProxy${skipReason}`, { timeout: 60_000 }, () => {
  it('offers every one of a few hundred calls once and answers it, then survives a node killed mid-call', async () => {
    const front = gatewayApiAt(balancer!.url);
    const agents = new Map<string, TestClient>();
    for (const agentNo of agentNos) agents.set(agentNo, await signIn(front, agentNo, {}, PATIENT));
    const boots = await Promise.all(nodes.map(bootOf));
    const socketNode = async (agentNo: string) => boots.indexOf((await redis!.hget(`${prefix}agent:demo:${agentNo}`, 'record').then((json) => JSON.parse(json!))).socketOwnerId);
    const spread = [0, 0, 0];
    for (const agentNo of agentNos) spread[await socketNode(agentNo)]! += 1;
    expect(spread.every((count) => count >= 5)).toBe(true);

    // Every agent hangs up a moment after a call connects, until told to hold on.
    let hangUp = true;
    for (const client of agents.values()) {
      client.sdk.on('agentStatus', (status) => {
        if (hangUp && status.state === 'talking') setTimeout(() => void client.sdk.unlink().catch(() => undefined), 20);
      });
    }
    const started = Date.now();
    const callIds = await Promise.all(Array.from({ length: CALL_COUNT }, (_, index) => simulatorApi(nodes[index % 3]!).inbound('0', CUSTOMER)));
    const records = new Map<string, any>();
    await expect
      .poll(
        async () => {
          for (const record of (await nodes[0]!.api('GET', '/api/v1/tenants/demo/cdrs?limit=500')).body.records) records.set(record.callId, record);
          return callIds.filter((callId) => records.has(callId)).length;
        },
        { timeout: 45_000, interval: 250 },
      )
      .toBe(CALL_COUNT);
    const burstSeconds = (Date.now() - started) / 1000;
    const ringsPerCall = new Map<string, string[]>();
    for (const [agentNo, client] of agents) for (const ringing of client.log.of('ringing')) ringsPerCall.set(ringing.callId, [...(ringsPerCall.get(ringing.callId) ?? []), agentNo]);
    expect(callIds.filter((callId) => ringsPerCall.get(callId)?.length !== 1)).toEqual([]);
    expect(callIds.filter((callId) => records.get(callId).outcome !== 'completed' || records.get(callId).agentNo === undefined)).toEqual([]);
    console.info(`${CALL_COUNT} calls over ${AGENT_COUNT} agents on 3 nodes behind HAProxy: ${burstSeconds.toFixed(1)} s`);

    // One long call per agent, entering on every node; then node C dies.
    hangUp = false;
    const marks = new Map([...agents].map(([agentNo, client]) => [agentNo, client.log.entries.length]));
    const longCalls = await Promise.all(agentNos.map((_, index) => simulatorApi(nodes[index % 3]!).inbound('0', CUSTOMER).then((callId) => ({ callId, owner: index % 3 }))));
    const callOf = new Map<string, { callId: string; owner: number }>();
    for (const [agentNo, client] of agents) {
      const init = await client.log.waitFor('sessionInit', () => true, marks.get(agentNo), 20_000);
      callOf.set(agentNo, longCalls.find((call) => call.callId === init.callId)!);
    }
    const onC = [];
    for (const agentNo of agentNos) if ((await socketNode(agentNo)) === 2) onC.push(agentNo);
    const killedAt = Date.now();
    await nodes[2]!.kill();

    const resumedIn = await Promise.all(
      onC.map(async (agentNo) => {
        await agents.get(agentNo)!.log.waitFor('connectionState', (s) => s.state === 'open', marks.get(agentNo), 10_000);
        return Date.now() - killedAt;
      }),
    );
    expect(Math.max(...resumedIn)).toBeLessThan(3_000);
    for (const agentNo of onC) expect([0, 1]).toContain(await socketNode(agentNo));

    // The calls node C carried end as lost with it; every agent in one is told so.
    for (const [agentNo, call] of callOf) {
      if (call.owner !== 2) continue;
      expect(await agents.get(agentNo)!.log.waitFor('sessionTerminate', (e) => e.callId === call.callId, marks.get(agentNo), 10_000)).toMatchObject({ reason: 'nodeLost' });
    }
    // The others go on, also for the agents who had to resume.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const [agentNo, call] of callOf) {
      if (call.owner === 2) continue;
      const client = agents.get(agentNo)!;
      expect(client.log.of('sessionTerminate').filter((e) => e.callId === call.callId)).toEqual([]);
      const legs = (await simulatorApi(nodes[call.owner]!).call(call.callId)).legs;
      expect(legs.every((leg: any) => leg.state === 'answered')).toBe(true);
    }
    console.info(`node killed: ${onC.length} agents resumed within ${Math.max(...resumedIn)} ms`);
  });
});
