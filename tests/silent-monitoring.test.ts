/**
 * Listening in is silent by default (tenant `announceMonitoring: false`): the supervisor gets spyResult / spyLink /
 * spyUnlink, the monitored agent gets no spy event and no status change. Whisper is always announced; going from
 * whisper back to listening tells the agent only that the whisper ended (`hangup`), not `switched`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { connectedInboundCall } from './helpers/calls.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sim: SimulatorApi;

beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

describe('silent monitoring', () => {
  it('tells the supervisor, not the agent, of a spy; whisper is announced', async () => {
    const supervisor = await signIn(gateway, '1008');
    const { agent, callId } = await connectedInboundCall(gateway, sim, '1005', '0', '13800138710');
    const agentMark = agent.log.entries.length;

    expect(await supervisor.sdk.spy({ agentNo: '1005' })).toMatchObject({ code: 0 });
    await supervisor.log.waitFor('spyLink');
    await supervisor.log.waitFor('agentStatus', (s) => s.monitoring?.mode === 'spy');
    expect(await supervisor.sdk.unspy()).toMatchObject({ code: 0 });
    expect(await supervisor.log.waitFor('spyUnlink')).toMatchObject({ reason: 'hangup' });
    await supervisor.log.waitFor('agentStatus', (s) => s.state === 'idle');
    expect(agent.log.names().slice(agentMark)).toEqual([]);

    expect(await supervisor.sdk.whisper({ agentNo: '1005' })).toMatchObject({ code: 0 });
    expect(await agent.log.waitFor('whisperLink', () => true, agentMark)).toMatchObject({ supervisorNo: '1008' });
    expect(await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'monitor', agentMark)).toMatchObject({
      monitoredBy: { mode: 'whisper' },
    });

    // Back to listening: the agent learns the whisper ended, and nothing says a supervisor still listens.
    const whisperMark = agent.log.entries.length;
    expect(await supervisor.sdk.spy({ agentNo: '1005' })).toMatchObject({ code: 0 });
    expect(await supervisor.log.waitFor('whisperUnlink')).toMatchObject({ reason: 'switched' });
    await supervisor.log.waitFor('agentStatus', (s) => s.monitoring?.mode === 'spy');
    expect(await agent.log.waitFor('whisperUnlink', () => true, whisperMark)).toMatchObject({ reason: 'hangup' });
    const status = await agent.log.waitFor('agentStatus', (s) => s.stateAction === 'monitor', whisperMark);
    expect(status).not.toHaveProperty('monitoredBy');
    expect(agent.log.names().slice(whisperMark)).toEqual(['whisperUnlink', 'agentStatus']);
    await sim.hangup(callId);
  });
});
