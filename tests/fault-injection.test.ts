/**
 * Agents pause, unpause and take inbound calls while the test drops their sockets at random points, 1,000 times.
 * Afterwards: every event reached every client once and in order (seq gap-free), every request got exactly one
 * response and ran exactly once on the gateway, and each client shows the state the gateway holds.
 * The drops and pauses come from a seeded generator: FAULT_SEED=<n> replays a run.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DebugEntry } from '@agentsdk/sdk';
import { closeClients, endpointOf, signIn, type TestClient } from './helpers/agent-client.js';
import { metricValue } from './helpers/metrics.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { RELAXED_RATE_LIMITS, startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const SEED = Number(process.env.FAULT_SEED ?? 20260105);
const TOTAL_DROPS = 1_000;
const AGENTS = ['1001', '1002', '1003', '1004', '1005', '1006'];
/** Events the SDK makes itself, and responses: not numbered by the gateway. */
const LOCAL_EVENTS = new Set(['connectionState', 'reconnectAttempt']);

/** mulberry32: small, fast, and the same sequence for the same seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Random think time between an agent's actions and between drops: the workload's rhythm, not a wait for anything. */
const jitter = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Agent {
  agentNo: string;
  client: TestClient;
  debug: DebugEntry[];
  sessionId: string;
  /** Operations the script called and what came back: each promise settles once. */
  outcomes: { action: string; code?: number; error?: string }[];
  calls: string[];
}

let gateway: TestGateway;
let sim: SimulatorApi;
let agents: Agent[];

beforeAll(async () => {
  // One queue per agent and no wrap-up, so each agent's script knows which calls are its own.
  const demo = await demoTenant();
  const tenant = {
    ...demo,
    agents: demo.agents.map((agent) => ({ ...agent, queues: AGENTS.includes(agent.agentNo) ? [`q${agent.agentNo}`] : [] })),
    queues: AGENTS.map((agentNo) => ({ ...demo.queues[0]!, queueNo: `q${agentNo}`, name: `Queue of ${agentNo}`, wrapupSeconds: 0 })),
  };
  gateway = await startTestGateway({
    tenants: [tenant],
    // This test is about drops; rate-limits.test.ts is about the limits.
    rateLimits: RELAXED_RATE_LIMITS,
  });
  sim = simulatorApi(gateway);
  agents = [];
  for (const agentNo of AGENTS) {
    await sim.setBehaviour(endpointOf(agentNo).endpoint, { behavior: 'answer', answerAfterMs: 20 });
    const debug: DebugEntry[] = [];
    const client = await signIn(
      gateway,
      agentNo,
      {},
      { debugHook: (entry) => debug.push(entry), reconnect: { initialDelayMs: 10, maxDelayMs: 40, maxAttempts: 200 } },
    );
    agents.push({ agentNo, client, debug, sessionId: client.log.of('loginResp')[0].sessionId, outcomes: [], calls: [] });
  }
});
afterAll(async () => {
  closeClients();
  await gateway.close();
});

/** Calls an operation as an application would: while the SDK is reconnecting, wait for it and call again. */
async function operate(agent: Agent, action: 'pause' | 'unpause', params?: object): Promise<void> {
  for (;;) {
    const mark = agent.client.log.entries.length;
    try {
      const response = await (agent.client.sdk as any)[action](params);
      agent.outcomes.push({ action, code: response.code });
      return;
    } catch (error: any) {
      // Refused before sending (details.state): the connection was not open. Anything else is a finding.
      if (error?.code === 'WS_NOT_CONNECTED' && error.details?.state !== undefined) {
        // Not open when called, so it opens again after the mark.
        await agent.client.log.waitFor('connectionState', (s) => s.state === 'open', mark, 30_000);
        continue;
      }
      agent.outcomes.push({ action, error: `${error?.code}: ${error?.message}` });
      return;
    }
  }
}

function requestsSent(agent: Agent): { id: string; action: string }[] {
  return agent.debug.flatMap((entry) =>
    entry.kind === 'sent' && (entry.frame as any).type === 'req' ? [entry.frame as { id: string; action: string }] : [],
  );
}

async function waitOpen(agent: Agent): Promise<void> {
  const log = agent.client.log;
  await vi.waitFor(() => expect(log.of('connectionState').at(-1)?.state).toBe('open'), { timeout: 30_000, interval: 2 });
}

async function takeCall(agent: Agent): Promise<void> {
  const mark = agent.client.log.entries.length;
  const callId = await sim.inbound(`q${agent.agentNo}`, `1380000${agent.agentNo}`);
  agent.calls.push(callId);
  await agent.client.log.waitFor('callBridged', (e) => e.callId === callId, mark, 15_000);
  await sim.hangup(callId);
  await agent.client.log.waitFor('agentStatus', (s) => s.state === 'idle' && s.stateAction === 'hangup', mark, 15_000);
}

async function runScript(agent: Agent, random: () => number, done: () => boolean): Promise<void> {
  while (!done()) {
    await operate(agent, 'pause', { pauseType: 1, pauseDescription: 'MEETING' });
    await jitter(random() * 20);
    await operate(agent, 'unpause');
    await jitter(random() * 20);
    if (random() < 0.5) await takeCall(agent);
  }
}

describe('fault injection: random socket drops during call flows', () => {
  it(`loses and duplicates nothing over ${TOTAL_DROPS} drops (seed ${SEED})`, { timeout: 90_000 }, async () => {
    const random = seededRandom(SEED);
    const started = Date.now();
    let drops = 0;
    const scripts = agents.map((agent) => runScript(agent, seededRandom(SEED + Number(agent.agentNo)), () => drops >= TOTAL_DROPS));
    while (drops < TOTAL_DROPS) {
      const agent = agents[Math.floor(random() * agents.length)] as Agent;
      if (gateway.liveSessions.dropSocket(agent.sessionId)) drops += 1;
      await jitter(random() * 12);
    }
    await Promise.all(scripts);
    await Promise.all(agents.map(waitOpen));
    const elapsedMs = Date.now() - started;

    let eventsChecked = 0;
    for (const agent of agents) {
      const context = `agent ${agent.agentNo}, seed ${SEED}`;
      // Every request the script made was answered as in a calm network: pause and unpause always fit the state.
      expect(
        agent.outcomes.filter((outcome) => outcome.code !== 0),
        context,
      ).toEqual([]);

      // On the wire: each request id answered exactly once; events numbered without a gap.
      const sent = new Map<string, string>();
      const answered = new Map<string, number>();
      const delivered: { seq: number; event: string }[] = [];
      let resumed = 0;
      for (const { id, action } of requestsSent(agent)) sent.set(id, action);
      for (const entry of agent.debug) {
        if (entry.kind !== 'received') continue;
        const frame = entry.frame as any;
        if (frame.type === 'res') answered.set(frame.id, (answered.get(frame.id) ?? 0) + 1);
        if (frame.type === 'res' && frame.action === 'resumeResp' && frame.code === 0) resumed += 1;
        if (frame.type === 'evt' && frame.seq > (delivered.at(-1)?.seq ?? 0)) delivered.push({ seq: frame.seq, event: frame.event });
      }
      // login and resume are never sent again (a resume whose answer is lost is retried as a new resume).
      const unanswered = [...sent].filter(([id, action]) => action !== 'login' && action !== 'resume' && answered.get(id) !== 1);
      expect(unanswered, context).toEqual([]);
      const gaps = delivered.filter((frame, index) => frame.seq !== index + 1);
      expect(gaps.slice(0, 3), context).toEqual([]);

      // What the application saw: each numbered event once, plus one agentStatus snapshot per resume.
      const emitted = agent.client.log.entries.filter((e) => !LOCAL_EVENTS.has(e.event) && !e.event.endsWith('Resp')).length;
      expect(emitted, context).toBe(delivered.length + resumed);
      expect(resumed, context).toBeGreaterThan(0);
      for (const callId of agent.calls) {
        expect(
          agent.client.log.of('sessionTerminate').filter((e) => e.callId === callId),
          `${context}, call ${callId}`,
        ).toHaveLength(1);
      }
      eventsChecked += delivered.length;

      // Both sides end in the same state.
      const current = await gateway.services.agents.current('demo', agent.agentNo);
      const shown = agent.client.log.of('agentStatus').at(-1);
      const fields = (status: any) => ({
        loginStatus: status.loginStatus,
        deviceStatus: status.deviceStatus,
        stateAction: status.stateAction,
        stateSince: status.stateSince,
      });
      expect(fields(shown), context).toEqual(fields(current));
    }

    // Exactly once on the gateway: one run per distinct request id, the repeats answered from the cache.
    const distinctOperations = agents.flatMap((agent) => {
      const byId = new Map(requestsSent(agent).map((frame) => [frame.id, frame.action]));
      return [...byId.values()].filter((action) => action === 'pause' || action === 'unpause');
    });
    const executed =
      (await metricValue(gateway, 'agent_gateway_operations_total', { action: 'pause' })) +
      (await metricValue(gateway, 'agent_gateway_operations_total', { action: 'unpause' }));
    expect(executed).toBe(distinctOperations.length);
    const repeated = await metricValue(gateway, 'agent_gateway_repeated_requests_total');
    console.info(
      `fault injection (seed ${SEED}): ${drops} drops in ${(elapsedMs / 1000).toFixed(1)} s, ${eventsChecked} events checked, ` +
        `${distinctOperations.length} pause/unpause requests, ${repeated} answered again from the response cache, ` +
        `${agents.reduce((sum, agent) => sum + agent.calls.length, 0)} calls`,
    );
  });
});
