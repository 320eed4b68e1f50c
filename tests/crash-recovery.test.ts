/**
 * A gateway process killed (SIGKILL) in each state a call can be in, then restarted on the same data directory: no
 * call is left in progress, records tell what happened, agents are free, resumed clients see every event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeClients, endpointOf, signIn, type TestClient } from './helpers/agent-client.js';
import { callRecordOf, connectedInboundCall } from './helpers/calls.js';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { scrape } from './helpers/metrics.js';
import { simulatorApi } from './helpers/simulator.js';
import { temporaryDataDir } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';

/** Reconnects through a gateway's restart. */
const PATIENT = { reconnect: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 300 } };

const running: GatewayProcess[] = [];
const dataDirs: { remove(): void }[] = [];
afterEach(async () => {
  closeClients();
  await Promise.all(running.splice(0).map((gateway) => gateway.kill()));
  for (const dir of dataDirs.splice(0)) dir.remove();
});

async function startOn(dataDir: string, port?: number): Promise<GatewayProcess> {
  // Frequent lease renewals: the talk time of a call ended at the restart is accurate to this interval.
  const gateway = await spawnGateway({ dataDir, port, env: { AGENT_GATEWAY_LEASE_RENEW_MS: '250' } });
  running.push(gateway);
  return gateway;
}

async function activeCalls(gateway: GatewayProcess): Promise<number> {
  return (await scrape(gateway)).filter((sample) => sample.name === 'agent_gateway_calls').reduce((sum, sample) => sum + sample.value, 0);
}

interface Scene {
  callId: string;
  /** The clients that were in the call, with where their log stood before the crash. */
  inCall: TestClient[];
}

/** Kills the gateway, restarts it on the same port and data directory, and waits for the clients to resume. */
async function crashAndRestart(
  gateway: GatewayProcess,
  dataDir: string,
  clients: TestClient[],
): Promise<{ restarted: GatewayProcess; marks: number[]; killedAt: number }> {
  const marks = clients.map((client) => client.log.entries.length);
  const killedAt = Date.now();
  await gateway.kill();
  const restarted = await startOn(dataDir, gateway.port);
  await Promise.all(clients.map((client, i) => client.log.waitFor('connectionState', (s) => s.state === 'open', marks[i], 15_000)));
  return { restarted, marks, killedAt };
}

async function expectEndedHonestly(gateway: GatewayProcess, scene: Scene, marks: number[], outcome: string): Promise<any> {
  const record = await callRecordOf(gateway, scene.callId);
  expect(record).toMatchObject({ outcome, endReason: 'gatewayRestart', hangupSide: 'system' });
  expect(record.legs.every((leg: any) => leg.endedAt !== undefined)).toBe(true);
  expect(await activeCalls(gateway)).toBe(0);
  for (const [i, client] of scene.inCall.entries()) {
    // Numbered after what the client saw before the crash, so none of them is taken for a duplicate.
    expect(await client.log.waitFor('sessionTerminate', (e) => e.callId === scene.callId, marks[i])).toMatchObject({
      reason: 'gatewayRestart',
      side: 'system',
    });
    await expect.poll(() => client.log.of('agentStatus').at(-1)?.deviceStatus).toBe(0);
    expect(await client.sdk.hold()).toMatchObject({ code: -1 });
  }
  return record;
}

// Each case starts gateway processes twice: allow for a loaded machine.
describe('a gateway killed and restarted on its data directory', { timeout: 60_000 }, () => {
  it('ends a connected call with its real talk time, puts the agent in wrap-up and lets it sign out', async () => {
    const dataDir = temporaryDataDir();
    dataDirs.push(dataDir);
    const gateway = await startOn(dataDir.path);
    const agent = await signIn(gateway, '1007', {}, PATIENT);
    const callId = await simulatorApi(gateway).inbound('2', '13800138001');
    await agent.log.waitFor('sessionInit', (e) => e.callId === callId);
    // Talk for real time: the call record's talk time is what the case checks, so time itself must pass.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const { restarted, marks, killedAt } = await crashAndRestart(gateway, dataDir.path, [agent]);
    const record = await expectEndedHonestly(restarted, { callId, inCall: [agent] }, marks, 'failed');
    expect(Date.parse(record.endedAt)).toBeLessThanOrEqual(killedAt);
    expect(record.talkSeconds).toBeGreaterThanOrEqual(1);
    expect(agent.log.of('agentStatus').at(-1)).toMatchObject({ state: 'wrapup' });
    expect(await agent.sdk.logout({ logoutMode: 1 })).toMatchObject({ code: 0 });

    // A later sign-in is not handed the dead call.
    const again = await signIn(restarted, '1007');
    // Nothing is to arrive, so there is no event to wait for: a bounded wait.
    await expectNothingWithin(300, () => expect(again.log.of('sessionInit')).toEqual([]));
  });

  it('ends a call that rang the agent as abandoned and frees the agent for the next call', async () => {
    const dataDir = temporaryDataDir();
    dataDirs.push(dataDir);
    const gateway = await startOn(dataDir.path);
    await simulatorApi(gateway).setBehaviour(endpointOf('1007').endpoint, { behavior: 'no-answer' });
    const agent = await signIn(gateway, '1007', {}, PATIENT);
    const callId = await simulatorApi(gateway).inbound('2', '13800138002');
    await agent.log.waitFor('ringing', (e) => e.callId === callId);

    const { restarted, marks } = await crashAndRestart(gateway, dataDir.path, [agent]);
    await expectEndedHonestly(restarted, { callId, inCall: [agent] }, marks, 'abandoned');
    await expect.poll(() => agent.log.of('agentStatus').at(-1)?.state).toBe('idle');
    const next = await simulatorApi(restarted).inbound('2', '13800138003');
    await agent.log.waitFor('sessionInit', (e) => e.callId === next, marks[0], 10_000);
  });

  it('records a call waiting in a queue as abandoned and never offers it to anyone', async () => {
    const dataDir = temporaryDataDir();
    dataDirs.push(dataDir);
    const gateway = await startOn(dataDir.path);
    const callId = await simulatorApi(gateway).inbound('2', '13800138004');
    await expect.poll(() => activeCalls(gateway)).toBe(1);
    await gateway.kill();
    const restarted = await startOn(dataDir.path, gateway.port);

    const record = await callRecordOf(restarted, callId);
    expect(record).toMatchObject({ outcome: 'abandoned', endReason: 'gatewayRestart', talkSeconds: 0 });
    expect(await activeCalls(restarted)).toBe(0);
    const agent = await signIn(restarted, '1007');
    // Nothing is to arrive, so there is no event to wait for: a bounded wait.
    await expectNothingWithin(500, () => expect(agent.log.of('ringing')).toEqual([]));
  });

  it('ends a call in consultation for both agents', async () => {
    const dataDir = temporaryDataDir();
    dataDirs.push(dataDir);
    const gateway = await startOn(dataDir.path);
    const { agent, callId } = await connectedInboundCall(gateway, simulatorApi(gateway), '1005', '0', '13800138005', PATIENT);
    const target = await signIn(gateway, '1002', {}, PATIENT);
    expect(await agent.sdk.startAtxfer({ targetType: 1, target: '1002' })).toMatchObject({ code: 0 });
    await agent.log.waitFor('atxferLink');

    const { restarted, marks } = await crashAndRestart(gateway, dataDir.path, [agent, target]);
    await expectEndedHonestly(restarted, { callId, inCall: [agent, target] }, marks, 'failed');
  });

  it('ends a three-way call for both agents', async () => {
    const dataDir = temporaryDataDir();
    dataDirs.push(dataDir);
    const gateway = await startOn(dataDir.path);
    const { agent, callId } = await connectedInboundCall(gateway, simulatorApi(gateway), '1005', '0', '13800138006', PATIENT);
    const target = await signIn(gateway, '1002', {}, PATIENT);
    expect(await agent.sdk.startAtxfer({ targetType: 1, target: '1002' })).toMatchObject({ code: 0 });
    await agent.log.waitFor('atxferLink');
    expect(await agent.sdk.threewayAtxfer()).toMatchObject({ code: 0 });
    await agent.log.waitFor('threewayAtxferResult');

    const { restarted, marks } = await crashAndRestart(gateway, dataDir.path, [agent, target]);
    await expectEndedHonestly(restarted, { callId, inCall: [agent, target] }, marks, 'failed');
  });

  it('ends a call a supervisor was listening to, and the supervisor stops monitoring', async () => {
    const dataDir = temporaryDataDir();
    dataDirs.push(dataDir);
    const gateway = await startOn(dataDir.path);
    const { agent, callId } = await connectedInboundCall(gateway, simulatorApi(gateway), '1005', '0', '13800138007', PATIENT);
    const supervisor = await signIn(gateway, '1008', {}, PATIENT);
    expect(await supervisor.sdk.spy({ agentNo: '1005' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('spyLink');

    const { restarted, marks } = await crashAndRestart(gateway, dataDir.path, [agent, supervisor]);
    await expectEndedHonestly(restarted, { callId, inCall: [agent, supervisor] }, marks, 'failed');
    expect(supervisor.log.of('agentStatus').at(-1)).not.toHaveProperty('monitoring');
    expect(agent.log.of('agentStatus').at(-1)).not.toHaveProperty('monitoredBy');
  });

  it('keeps an agent in wrap-up through the restart, with nothing left of the call', async () => {
    const dataDir = temporaryDataDir();
    dataDirs.push(dataDir);
    const gateway = await startOn(dataDir.path);
    const { agent, callId } = await connectedInboundCall(gateway, simulatorApi(gateway), '1005', '0', '13800138008', PATIENT);
    expect(await agent.sdk.unlink()).toMatchObject({ code: 0 });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
    const before = await callRecordOf(gateway, callId);

    const { restarted } = await crashAndRestart(gateway, dataDir.path, [agent]);
    expect(await callRecordOf(restarted, callId)).toEqual(before);
    expect(agent.log.of('agentStatus').at(-1)).toMatchObject({ state: 'wrapup' });
    expect(await agent.sdk.unpause()).toMatchObject({ code: 0 });
    await agent.log.waitFor('agentStatus', (s) => s.state === 'idle');
  });
});
