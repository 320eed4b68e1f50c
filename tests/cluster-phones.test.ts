/**
 * Phones registered with another node of a cluster (docs/multi-node.md): two gateway processes on one Redis, the
 * call's owner ringing a desk phone (baresip) or a softphone (Chromium) registered with the other node through the
 * cluster trunk, with real audio both ways; a supervisor's phone on one node whispering into a call the other node
 * owns; a phone whose node died.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TENANT_FILE } from '@agentsdk/gateway';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { Baresip, gatewayRtpPorts, releasePhones, sleep } from './helpers/baresip.js';
import { callInPage, launchSoftphoneBrowser, openSoftphonePage } from './helpers/softphone-page.js';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { simulatorApi } from './helpers/simulator.js';
import { DESK_PHONE_PASSWORD } from './helpers/sip-tenant.js';

const redis = await connectTestRedis();
const prefix = randomKeyPrefix();
const dir = mkdtempSync(join(tmpdir(), 'cluster-phones-'));
const DID = '02088880000';
let nodeA: GatewayProcess;
let nodeB: GatewayProcess;

/** The demo tenant as a tenant file: desk phones 8001-8004, a trunk whose DID enters queue 2, queue 1 without wrap-up. */
function tenantFile(): string {
  const demo = JSON.parse(readFileSync(DEMO_TENANT_FILE, 'utf8'));
  demo.apiKey = 'demo-api-key';
  // No STUN server: the softphone's candidates stay on loopback.
  demo.webrtc = { stunServer: '' };
  // Queue 1's agent takes the next call at once.
  demo.queues = demo.queues.map((queue: { queueNo: string }) => (queue.queueNo === '1' ? { ...queue, wrapupSeconds: 0 } : queue));
  demo.deskPhones = ['8001', '8002', '8003', '8004'].map((extension) => ({ extension, password: DESK_PHONE_PASSWORD }));
  demo.trunks = [
    {
      name: 'carrier-a',
      host: '127.0.0.1',
      port: 9,
      transport: 'udp',
      inboundFrom: ['127.0.0.1'],
      dids: { [DID]: { queueNo: '2' } },
    },
  ];
  const file = join(dir, 'tenant.json');
  writeFileSync(file, JSON.stringify(demo));
  return file;
}

function startNode(id: string, tenants: string, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const { min, max } = gatewayRtpPorts();
  return spawnGateway({
    env: {
      REDIS_URL: TEST_REDIS_URL,
      AGENT_GATEWAY_REDIS_PREFIX: prefix,
      AGENT_GATEWAY_NODE_ID: id,
      AGENT_GATEWAY_TENANTS: tenants,
      AGENT_GATEWAY_RTP_PORTS: `${min}-${max}`,
      AGENT_GATEWAY_CLUSTER_SECRET: 'cluster-test-secret',
      // A dead node's registrations stand until its lease lapses: long enough for the last test on a busy machine.
      AGENT_GATEWAY_LEASE_LAPSE_MS: '30000',
      ...env,
    },
  });
}

/** The node's SIP port, from its start-up banner. */
function sipPortOf(node: GatewayProcess): number {
  const port = /SIP \(UDP\)\s+[\d.]+:(\d+)/.exec(node.output())?.[1];
  if (!port) throw new Error(`no SIP port in the banner: ${node.output()}`);
  return Number(port);
}

/** A desk phone registered as `extension` with the node, auto-answering, speaking `toneHz`. */
async function deskPhoneOn(node: GatewayProcess, extension: string, toneHz: number): Promise<Baresip> {
  const phone = await Baresip.start({
    user: extension,
    toneHz,
    registrar: `127.0.0.1:${sipPortOf(node)}`,
    accountParams: `auth_user=demo-${extension};auth_pass=${DESK_PHONE_PASSWORD};regint=600;answermode=auto`,
  });
  await phone.registered();
  return phone;
}

/** Agents signed in by the test, signed out after it so that no later test's call is offered to them. */
const agents: TestClient[] = [];
async function agentOn(node: GatewayProcess, agentNo: string, extension: string): Promise<TestClient> {
  const agent = await signIn(node, agentNo, { bindEndpoint: { endpointType: 2, endpoint: extension } });
  agents.push(agent);
  return agent;
}

beforeAll(async () => {
  if (!redis) return;
  const tenants = tenantFile();
  // One after the other: a node that fails to start leaves none running that afterAll would not stop.
  nodeA = await startNode('node-a', tenants);
  nodeB = await startNode('node-b', tenants);
}, 60_000);
afterEach(async () => {
  for (const agent of agents.splice(0)) await Promise.race([agent.sdk.logout({ logoutMode: 1 }), sleep(2_000)]);
  closeClients();
  await releasePhones();
});
afterAll(async () => {
  await Promise.all([nodeA, nodeB].map((node) => node?.stop()));
  rmSync(dir, { recursive: true, force: true });
  if (!redis) return;
  await removeKeys(redis, prefix);
  await redis.quit();
});

describe.skipIf(!redis)(
  `phones registered with another node${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`,
  { timeout: 40_000 },
  () => {
    it("rings a phone registered with node B for a call node A owns: audio both ways, hold, DTMF and hangup from the agent's SDK", async () => {
      const phone = await deskPhoneOn(nodeB, '8001', 1000);
      const agent = await agentOn(nodeA, '1005', '8001');
      const callId = await simulatorApi(nodeA).inbound('0', '13800138950');
      await phone.waitForEvent('CALL_ESTABLISHED');
      await agent.log.waitFor('agentStatus', (s) => s.state === 'talking');
      const agentLeg = async () => (await simulatorApi(nodeA).call(callId))?.legs.find((leg: any) => leg.number === '8001');
      const customerLeg = async () => (await simulatorApi(nodeA).call(callId))?.legs.find((leg: any) => leg.party === 'customer');
      await sleep(1_500);

      // The phone's 1000 Hz reaches the call's owner through node B: its mixer counts the frames and their level.
      const spoken = (await agentLeg()).media;
      expect(spoken.packetsSent).toBeGreaterThan(40);
      expect(spoken.audioLevel).toBeGreaterThan(0.05);

      expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
      await expect.poll(async () => (await customerLeg()).held).toBe(true);
      expect(await agent.sdk.unhold()).toMatchObject({ code: 0 });
      await expect.poll(async () => (await customerLeg()).held).toBe(false);

      // Digits node A sends into the agent's leg are passed on by node B to the phone (RFC 4733 both ways).
      expect(await agent.sdk.sendDtmf({ digits: '12#', target: 1 })).toMatchObject({ code: 0 });
      await phone.waitForLog(/received event: '#' \(end=1\)/);
      expect(phone.log()).toMatch(/received event: '1' \(end=1\)[\s\S]*received event: '2' \(end=1\)/);

      expect(await agent.sdk.unlink()).toMatchObject({ code: 0 });
      await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId);
      await phone.waitForEvent('CALL_CLOSED');
      await phone.stop();
      // What the phone heard: the simulated customer's 440 Hz tone, mixed on node A and carried through node B.
      expect(phone.heardLevelBetween(340, 540, 0.2)).toBeGreaterThan(0.03);
    });

    it('rings a softphone registered with node B for a call node A owns, with audio both ways', async () => {
      const browser = await launchSoftphoneBrowser();
      try {
        const phone = await openSoftphonePage(browser, nodeB, { webrtcStats: true });
        expect(await phone.signIn('1001')).toMatchObject({ code: 0 });
        await phone.waitForEvent('softphoneState', { state: 'registered' });
        const callId = await simulatorApi(nodeA).inbound('0', '13800138960');
        await phone.waitForEvent('ringing', { callId });
        expect(await callInPage(phone.page, 'sipLink')).toMatchObject({ code: 0 });
        await phone.waitForEvent('sessionInit', { callId });

        // The simulated customer's tone, mixed on node A, reaches the browser through node B…
        const from = await phone.eventCount();
        expect((await phone.waitForNth('webrtcStats', 2, from, 8_000)).audioLevelIn).toBeGreaterThan(0.1);
        // …and the browser's microphone reaches node A.
        const agentLeg = (await simulatorApi(nodeA).call(callId)).legs.find((leg: any) => leg.number === '1001');
        expect(agentLeg).toMatchObject({ state: 'answered' });
        expect(agentLeg.media.packetsSent).toBeGreaterThan(50);
        expect(agentLeg.media.audioLevel).toBeGreaterThan(0);

        expect(await callInPage(phone.page, 'sipUnlink')).toMatchObject({ code: 0 });
        await phone.waitForEvent('sessionTerminate', { callId });
        expect(await callInPage(phone.page, 'logout', { logoutMode: 1 })).toMatchObject({ code: 0 });
        expect(phone.problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    it('places a preview call for an agent on a node without virtual phones from the desk phone registered with node B', async () => {
      // Without the simulator's virtual phones an extension is reachable only where its phone is registered.
      const nodeX = await startNode('node-x', join(dir, 'tenant.json'), { AGENT_GATEWAY_EMBEDDED: 'false' });
      try {
        const phone = await deskPhoneOn(nodeB, '8001', 1000);
        const agent = await signIn(nodeX, '1002', { bindEndpoint: { endpointType: 2, endpoint: '8001' } });
        const response = await agent.sdk.previewObCall({ customerNumber: '13900000951', obClid: '02188880000' });
        if (response.code !== 0) throw new Error(`previewObCall refused: ${response.message}`);
        await phone.waitForEvent('CALL_ESTABLISHED');
        expect(await agent.sdk.unlink()).toMatchObject({ code: 0 });
        await agent.log.waitFor('sessionTerminate', (e) => e.callId === response.callId);
        await phone.waitForEvent('CALL_CLOSED');
        expect(await agent.sdk.logout({ logoutMode: 1 })).toMatchObject({ code: 0 });
      } finally {
        await nodeX.stop();
      }
    });

    it('lets a supervisor whose phone is registered with node A whisper into a call node B owns, on real audio', async () => {
      const agentPhone = await deskPhoneOn(nodeB, '8002', 440);
      const supervisorPhone = await deskPhoneOn(nodeA, '8003', 2000);
      const agent = await agentOn(nodeB, '1003', '8002');
      const supervisor = await agentOn(nodeA, '1008', '8003');
      const customer = await Baresip.start({ user: '13800138951', toneHz: 1000 });
      await customer.dial(`sip:${DID}@127.0.0.1:${sipPortOf(nodeB)}`);
      const bridged = await agent.log.waitFor('callBridged', () => true, 0, 10_000);
      await customer.waitForEvent('CALL_ESTABLISHED');

      expect(await supervisor.sdk.whisper({ agentNo: '1003' })).toMatchObject({ code: 0 });
      await supervisor.log.waitFor('whisperLink', () => true, 0, 10_000);
      await supervisorPhone.waitForEvent('CALL_ESTABLISHED');
      await sleep(2_500);
      await customer.hangup();
      await agent.log.waitFor('sessionTerminate', (e) => e.callId === bridged.callId, 0, 10_000);
      await supervisorPhone.waitForEvent('CALL_CLOSED');
      await Promise.all([customer.stop(), agentPhone.stop(), supervisorPhone.stop()]);

      expect(agentPhone.heardLevelBetween(1800, 2200, 0.5)).toBeGreaterThan(0.03);
      expect(customer.heardLevelBetween(340, 540, 0.5)).toBeGreaterThan(0.1);
      expect(customer.heardLevelBetween(1800, 2200, 0.5)).toBeLessThan(0.01);
      // The supervisor, on node A, hears both parties of node B's call.
      expect(supervisorPhone.heardLevelBetween(900, 1100, 0.5)).toBeGreaterThan(0.03);
      expect(supervisorPhone.heardLevelBetween(340, 540, 0.5)).toBeGreaterThan(0.03);
    });

    it('ends the legs to a phone whose node died as failed: the call in progress, and the next one at once', async () => {
      const nodeC = await startNode('node-c', join(dir, 'tenant.json'));
      const phone = await deskPhoneOn(nodeC, '8004', 440);
      const agent = await agentOn(nodeA, '1006', '8004');
      const phoneLegOf = async (callId: string) => (await simulatorApi(nodeA).call(callId))?.legs.find((leg: any) => leg.number === '8004');

      const inProgress = await simulatorApi(nodeA).inbound('1', '13800138952');
      await phone.waitForEvent('CALL_ESTABLISHED');
      await agent.log.waitFor('agentStatus', (s) => s.state === 'talking');
      await nodeC.kill();
      // The connection to node C closed with it: the leg ends at once, not after the media timeout, and so does the call.
      await agent.log.waitFor('sessionTerminate', (e) => e.callId === inProgress);
      const record = (await nodeA.api('GET', `/api/v1/tenants/demo/cdrs/${inProgress}`)).body;
      expect(record.legs.find((leg: any) => leg.number === '8004')).toMatchObject({ endCause: 'failed' });
      await agent.log.waitFor('agentStatus', (s) => s.state === 'idle');

      // Node C's lease has not lapsed yet, so its registration still stands: node C refuses the connection.
      const next = await simulatorApi(nodeA).inbound('1', '13800138953');
      await expect.poll(() => phoneLegOf(next)).toMatchObject({ state: 'ended', endCause: 'failed' });
      const customer = (await simulatorApi(nodeA).call(next)).legs.find((leg: any) => leg.party === 'customer');
      expect(customer.state).not.toBe('ended');
      await simulatorApi(nodeA).hangup(next);
    });
  },
);
