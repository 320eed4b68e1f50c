/**
 * Tenant isolation, generated for every operation row: two tenants with the same agent numbers; every operation sent
 * by tenant acme's agent and supervisor must leave tenant demo's agent, its call and its desktop untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '@agentsdk/protocol';
import { closeClients, signIn, type TestClient } from './helpers/agent-client.js';
import { openRawSocket, type RawSocket } from './helpers/raw-socket.js';
import { simulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { RELAXED_RATE_LIMITS, startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { expectNothingWithin } from './helpers/waiting.js';

/** Well-formed parameters for every operation, so each one reaches its handler. */
const VALID_PARAMS: Record<OperationName, unknown> = {
  login: undefined,
  logout: { logoutMode: 1 },
  pause: { pauseType: 1 },
  unpause: undefined,
  updateBoundEndpoint: { bindEndpoint: { endpointType: 1, endpoint: '13600009999' } },
  previewObCall: { customerNumber: '13900000900' },
  cancelPreviewObCall: undefined,
  unlink: { side: 1 },
  reject: {},
  hold: undefined,
  unhold: undefined,
  mute: { direction: 'all' },
  unmute: { direction: 'all' },
  sendDtmf: { digits: '1', target: 2 },
  performSatisfactionSurvey: undefined,
  InternalCall: { targetType: 0, target: '1002' },
  prolongWrapup: { wrapupTime: 60 },
  startAutoObCallTask: { taskId: '1' },
  pauseAutoObCallTask: { taskId: '1' },
  getPreviewNumber: { taskId: '1' },
  skipPreviewNumber: { taskId: '1', number: '13900000001' },
  changeObCallMode: { workMode: 0 },
  setDisposition: { callId: 'c1', dispositionCode: 'SOLD' },
  startAtxfer: { targetType: 1, target: '1002' },
  cancelAtxfer: undefined,
  resumeAtxfer: undefined,
  completeAtxfer: {},
  threewayAtxfer: {},
  blxfer: { targetType: 3, target: '1' },
  transferIvr: { ivrTarget: { ivrId: '1', ivrNode: '1' } },
  sipLink: undefined,
  sipUnlink: undefined,
  setPause: { agentNo: '1001' },
  setUnpause: { agentNo: '1001' },
  spy: { agentNo: '1001' },
  unspy: undefined,
  performThreeway: { agentNo: '1001' },
  cancelThreeway: { agentNo: '1001' },
  whisper: { agentNo: '1001' },
  unWhisper: undefined,
  barge: { agentNo: '1001' },
  disconnect: { agentNo: '1001' },
  pickup: { agentNo: '1001' },
  setOnline: { agentNo: '1001', bindEndpoint: { endpointType: 1, endpoint: '13600009998' } },
  setOffline: { agentNo: '1001' },
  getQueueStatus: {},
  ListPreviewDialingTask: undefined,
};

let gateway: TestGateway;

async function acmeSignIn(agentNo: string): Promise<RawSocket> {
  const socket = await openRawSocket(gateway.url);
  const response = await socket.request('login', {
    sessionKey: (await gateway.api('POST', '/api/v1/tenants/acme/session-keys', { agentNo }, 'acme-api-key')).body.sessionKey,
    tenantId: 'acme',
    agentNo,
    bindEndpoint: { endpointType: 1, endpoint: `1370000${agentNo}` },
    initialStatus: 1,
  });
  expect(response.code).toBe(0);
  return socket;
}

beforeAll(async () => {
  gateway = await startTestGateway({
    rateLimits: RELAXED_RATE_LIMITS,
    tenants: [await demoTenant(), await demoTenant({ tenantId: 'acme', apiKey: 'acme-api-key' })],
  });
});
afterAll(async () => {
  closeClients();
  await gateway.close();
});

// Demo's agent 1001 idle catches a leak of status changes (setPause, setOffline…); in a call, a leak of call
// operations (spy, disconnect, hold…).
describe.each([
  ['idle', false],
  ['in a call', true],
])('tenant isolation, demo agent %s', (_label, inCall) => {
  let demoAgent: TestClient;
  let demoCallId: string | undefined;
  let acmeAgent: RawSocket;
  let acmeSupervisor: RawSocket;

  beforeAll(async () => {
    demoAgent = await signIn(gateway, '1001');
    if (inCall) {
      demoCallId = await simulatorApi(gateway).inbound('0', '13800138900');
      await demoAgent.log.waitFor('sessionInit');
    }
    acmeAgent = await acmeSignIn('1001');
    acmeSupervisor = await acmeSignIn('1008');
  });
  afterAll(() => {
    acmeAgent.close();
    acmeSupervisor.close();
  });

  it.each(OPERATION_NAMES.filter((name) => name !== 'login' && name !== 'logout'))(
    '%s from tenant acme leaves tenant demo untouched',
    async (operation) => {
      const before = await gateway.services.store.agents.get('demo', '1001');
      const callBefore = demoCallId ? await gateway.services.store.calls.get(demoCallId) : undefined;
      const mark = demoAgent.log.entries.length;
      const sender = OPERATIONS[operation].group === 'supervisor' ? acmeSupervisor : acmeAgent;
      const response = await sender.request(operation, VALID_PARAMS[operation]);
      expect(response.type).toBe('res');
      // Tenant demo is not to change at all: a bounded wait, as there is no event to wait for.
      await expectNothingWithin(30, async () => {
        expect(await gateway.services.store.agents.get('demo', '1001')).toEqual(before);
        if (demoCallId) expect((await gateway.services.store.calls.get(demoCallId))?.version).toBe(callBefore?.version);
        expect(demoAgent.log.entries.slice(mark)).toEqual([]);
      });
    },
  );

  it.runIf(inCall)('lists only its own agents in getQueueStatus', async () => {
    const response = await acmeSupervisor.request('getQueueStatus', { fields: 'agentStatuses' });
    expect(response.code).toBe(0);
    const agents = Object.values(response.queueStatus as Record<string, { agentStatuses: { agentNo: string; state: string }[] }>).flatMap(
      (q) => q.agentStatuses,
    );
    expect(agents.find((agent) => agent.agentNo === '1001')?.state).not.toBe('talking');
  });
});
