/**
 * 20103 "fail to get lock": another writer keeps changing the agent between each read and write of a command
 * (as a second gateway node sharing the store would), so the optimistic write never wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '@agentsdk/gateway';
import { closeClients, signIn } from './helpers/agent-client.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

/** The real SQLite store, with a rival writer that updates agent `rivalAgentNo` right after every read of it. */
function contendedStore(rivalAgentNo: string): { store: Store; contend(on: boolean): void } {
  const store = openSqliteStore(':memory:');
  let contending = false;
  const read = store.agents.get.bind(store.agents);
  store.agents.get = async (tenantId, agentNo) => {
    const current = await read(tenantId, agentNo);
    if (contending && agentNo === rivalAgentNo && current) {
      await store.agents.compareAndSet({ ...current.value }, current.version);
    }
    return current;
  };
  return { store, contend: (on) => (contending = on) };
}

let gateway: TestGateway;
const rival = contendedStore('1001');
beforeAll(async () => {
  gateway = await startTestGateway({ store: rival.store });
});
afterAll(async () => {
  closeClients();
  await gateway.close();
});

describe('agent lock contention', () => {
  it('answers previewObCall and pause with 20103 when the agent cannot be written, and recovers after', async () => {
    const agent = await signIn(gateway, '1001');
    rival.contend(true);
    expect(await agent.sdk.previewObCall({ customerNumber: '13800138000' })).toMatchObject({
      code: -1,
      errorCode: 20103,
      message: 'fail to get lock',
    });
    expect(await agent.sdk.pause({ pauseType: 1 })).toMatchObject({ code: -1, errorCode: 20103 });
    rival.contend(false);
    expect(await agent.sdk.pause({ pauseType: 1 })).toMatchObject({ code: 0 });
  });
});
