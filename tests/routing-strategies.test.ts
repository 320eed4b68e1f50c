/** Which idle agent a queue call goes to: longest idle (default), round robin, fewest calls. */
import { afterEach, describe, expect, it } from 'vitest';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { simulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

afterEach(closeClients);

async function withStrategy(strategy: 'longest-idle' | 'round-robin' | 'fewest-calls', run: (gateway: TestGateway) => Promise<void>) {
  const demo = await demoTenant();
  const gateway = await startTestGateway({
    tenants: [{ ...demo, queues: demo.queues.map((q) => ({ ...q, strategy, wrapupSeconds: 0 })) }],
  });
  try {
    await run(gateway);
  } finally {
    await gateway.close();
  }
}

/** Places a call in queue 0 and returns which of the agents was offered it; the call then ends. */
async function whoGetsTheCall(gateway: TestGateway, agents: TestClient[]): Promise<number> {
  const sim = simulatorApi(gateway);
  const marks = agents.map((agent) => agent.log.entries.length);
  const callId = await sim.inbound('0', '13800138300');
  const index = await Promise.race(
    agents.map((agent, i) => agent.log.waitFor('sessionInit', (e) => e.callId === callId, marks[i]).then(() => i)),
  );
  await sim.hangup(callId);
  await agents[index]!.log.waitFor('agentStatus', (s) => s.stateAction === 'hangup', marks[index]);
  return index;
}

describe('routing strategies', () => {
  it('longest idle: the agent idle the longest gets the call', async () => {
    await withStrategy('longest-idle', async (gateway) => {
      const first = await signIn(gateway, '1001');
      const second = await signIn(gateway, '1002');
      expect(await whoGetsTheCall(gateway, [first, second])).toBe(0);
      // 1001 just finished a call (idle again, newest); 1002 has waited longer now.
      expect(await whoGetsTheCall(gateway, [first, second])).toBe(1);
    });
  });

  it('round robin: offers go around the agents in turn', async () => {
    await withStrategy('round-robin', async (gateway) => {
      const agents = [await signIn(gateway, '1001'), await signIn(gateway, '1002'), await signIn(gateway, '1003')];
      const order = [];
      for (let i = 0; i < 3; i++) order.push(await whoGetsTheCall(gateway, agents));
      expect([...order].sort()).toEqual([0, 1, 2]);
    });
  });

  it('fewest calls: the agent who answered fewer calls gets the next', async () => {
    await withStrategy('fewest-calls', async (gateway) => {
      const first = await signIn(gateway, '1001');
      expect(await whoGetsTheCall(gateway, [first])).toBe(0);
      const second = await signIn(gateway, '1002');
      expect(await whoGetsTheCall(gateway, [first, second])).toBe(1);
    });
  });
});
