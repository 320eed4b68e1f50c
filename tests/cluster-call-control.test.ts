/**
 * Three gateway processes on one Redis: call control from an agent or supervisor whose socket is on one node, for a
 * call whose legs another node holds, is carried out by that node (docs/multi-node.md).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { simulatorApi } from './helpers/simulator.js';

const redis = await connectTestRedis();
const prefix = randomKeyPrefix();
let nodeA: GatewayProcess;
let nodeB: GatewayProcess;
let nodeC: GatewayProcess;

beforeAll(async () => {
  if (!redis) return;
  const env = { REDIS_URL: TEST_REDIS_URL, AGENT_GATEWAY_REDIS_PREFIX: prefix };
  [nodeA, nodeB, nodeC] = await Promise.all(
    ['a', 'b', 'c'].map((id) => spawnGateway({ env: { ...env, AGENT_GATEWAY_NODE_ID: `node-${id}` } })),
  );
}, 60_000);
afterEach(closeClients);
afterAll(async () => {
  if (!redis) return;
  await Promise.all([nodeA, nodeB, nodeC].map((node) => node?.stop()));
  await removeKeys(redis, prefix);
  await redis.quit();
});

/** The simulator legs of a call on the node that holds them, by phone number. */
async function legsOn(node: GatewayProcess, callId: string) {
  const call = await simulatorApi(node).call(callId);
  const by = (number: string) => call?.legs.find((leg: any) => leg.number === number && leg.state !== 'ended');
  return { all: call?.legs ?? [], by };
}

describe.skipIf(!redis)(
  `call control across nodes${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`,
  { timeout: 30_000 },
  () => {
    it('holds, sends DTMF, consults, transfers and hangs up from node A a call whose legs node B holds', async () => {
      const from = '13800138901';
      const agent = await signIn(nodeA, '1005');
      const target = await signIn(nodeC, '1002', { initialStatus: 2, pauseDescription: 'busy' });
      const callId = await simulatorApi(nodeB).inbound('0', from);
      await agent.log.waitFor('agentStatus', (s) => s.state === 'talking');
      const agentLeg = () => legsOn(nodeB, callId).then((legs) => legs.by('13600001005'));
      const customer = () => legsOn(nodeB, callId).then((legs) => legs.by(from));

      expect(await agent.sdk.hold()).toMatchObject({ code: 0 });
      await expect.poll(async () => (await customer()).held).toBe(true);
      expect(await agent.sdk.unhold()).toMatchObject({ code: 0 });
      await expect.poll(async () => (await customer()).held).toBe(false);
      expect((await customer()).hears).toEqual([(await agentLeg()).legId]);

      expect(await agent.sdk.sendDtmf({ target: 2, digits: '42#' })).toMatchObject({ code: 0 });
      await expect.poll(async () => (await customer()).digitsReceived).toBe('42#');

      // The consulted agent is signed in on a third node; its phone leg is dialled by node B, which holds the call.
      expect(await agent.sdk.startAtxfer({ targetType: 1, target: '1002' })).toMatchObject({ code: 0 });
      expect(await target.log.waitFor('ringing', (e) => e.callId === callId)).toMatchObject({
        consultingAgentNo: '1005',
        customerNumber: from,
      });
      await agent.log.waitFor('atxferLink', (e) => e.callId === callId);
      await expect.poll(async () => (await customer()).hearsMusic).toBe(true);
      expect(await agent.sdk.completeAtxfer()).toMatchObject({ code: 0 });
      expect(await agent.log.waitFor('completeAtxferResult')).toMatchObject({ result: 'success', target: '1002' });
      const targetLeg = await legsOn(nodeB, callId).then((legs) => legs.by('13600001002'));
      await expect.poll(async () => (await customer()).hears).toEqual([targetLeg.legId]);

      expect(await target.sdk.unlink()).toMatchObject({ code: 0 });
      expect(await target.log.waitFor('sessionTerminate', (e) => e.callId === callId)).toMatchObject({ side: 'agent' });
      await expect.poll(async () => (await legsOn(nodeB, callId)).all.every((leg: any) => leg.state === 'ended')).toBe(true);
    });

    it('offers a call waiting on node B to an agent who becomes available on node A, with node B dialling the agent', async () => {
      const from = '13800138902';
      const agent = await signIn(nodeA, '1006', { initialStatus: 2, pauseDescription: 'busy' });
      const callId = await simulatorApi(nodeB).inbound('1', from);
      await expect.poll(async () => (await legsOn(nodeB, callId)).by(from)?.prompts).toContain('queue-music');
      expect(await agent.sdk.unpause()).toMatchObject({ code: 0 });
      await agent.log.waitFor('agentStatus', (s) => s.state === 'talking');
      const legs = await legsOn(nodeB, callId);
      expect(legs.by(from).hears).toEqual([legs.by('13600001006').legId]);
      expect(await simulatorApi(nodeA).call(callId)).toBeUndefined();
      expect(await agent.sdk.unlink()).toMatchObject({ code: 0 });
      await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId);
    });

    it('lets a supervisor on node A spy on a call node C holds, for an agent on node B', async () => {
      const from = '13800138903';
      const agent = await signIn(nodeB, '1003');
      const supervisor = await signIn(nodeA, '1008');
      const callId = await simulatorApi(nodeC).inbound('2', from);
      await agent.log.waitFor('agentStatus', (s) => s.state === 'talking');

      expect(await supervisor.sdk.spy({ agentNo: '1003' })).toMatchObject({ code: 0 });
      expect(await supervisor.log.waitFor('spyLink')).toMatchObject({ supervisorNo: '1008', agentNo: '1003' });
      await supervisor.log.waitFor('agentStatus', (s) => s.monitoring?.mode === 'spy');
      // The supervisor's leg hears both parties on node C (its audio path may be set a moment after spyLink reached A).
      const parties = await legsOn(nodeC, callId);
      const heardBySupervisor = [parties.by(from).legId, parties.by('13600001003').legId].sort();
      await expect.poll(async () => (await legsOn(nodeC, callId)).by('13600001008')?.hears.sort()).toEqual(heardBySupervisor);
      const legs = await legsOn(nodeC, callId);
      expect(legs.by(from).hears).toEqual([legs.by('13600001003').legId]);

      expect(await supervisor.sdk.unspy()).toMatchObject({ code: 0 });
      await expect.poll(async () => (await legsOn(nodeC, callId)).by('13600001008')).toBeUndefined();
      await simulatorApi(nodeC).hangup(callId);
      await agent.log.waitFor('sessionTerminate', (e) => e.callId === callId);
    });
  },
);
