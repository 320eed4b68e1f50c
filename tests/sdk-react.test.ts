/** The React bindings (`@agentsdk/sdk-react`) rendered with react-test-renderer against real SDK clients and a gateway. */
import { createElement } from 'react';
import { act, create, type ReactTestRenderer } from 'react-test-renderer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentSDK, type AgentSdkClient } from '@agentsdk/sdk';
import { AgentSdkProvider, useAgentSDK, useAgentState, useCall, useQueueStatus } from '@agentsdk/sdk-react';
import { closeClients, signIn } from './helpers/agent-client.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let gateway: TestGateway;
let sim: SimulatorApi;
const renderers: ReactTestRenderer[] = [];
beforeAll(async () => {
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
});
afterEach(() => {
  for (const renderer of renderers.splice(0)) act(() => renderer.unmount());
  closeClients();
});
afterAll(() => gateway.close());

function render(client: AgentSdkClient, component: () => string): ReactTestRenderer {
  let renderer!: ReactTestRenderer;
  act(() => {
    renderer = create(
      createElement(
        AgentSdkProvider,
        { client },
        createElement(() => createElement('p', null, component())),
      ),
    );
  });
  renderers.push(renderer);
  return renderer;
}

const text = (renderer: ReactTestRenderer) => renderer.root.findByType('p').children.join('');

function Desk(): string {
  const status = useAgentState((state) => state.agent?.state);
  const call = useCall();
  return `${status ?? 'signed out'} / ${call === undefined ? 'no call' : `${call.phase} ${call.customerNumber}${call.held ? ' held' : ''}`}`;
}

describe('React bindings', () => {
  it('useAgentState and useCall re-render as the agent pauses, takes a call and holds it', async () => {
    const agent = await signIn(gateway, '1005');
    const desk = render(agent.sdk, Desk);
    expect(text(desk)).toBe('idle / no call');

    await act(async () => {
      await agent.sdk.pause({ pauseType: 1, pauseDescription: 'busy' });
    });
    expect(text(desk)).toBe('busy / no call');
    await act(async () => {
      await agent.sdk.unpause();
    });

    const callId = await sim.inbound('0', '13800138900');
    await act(async () => {
      await agent.log.waitFor('callBridged');
    });
    expect(text(desk)).toBe('talking / connected 13800138900');
    await act(async () => {
      await agent.sdk.hold();
    });
    expect(text(desk)).toBe('talking / connected 13800138900 held');

    await sim.hangup(callId);
    await act(async () => {
      await agent.log.waitFor('agentStatus', (s) => s.state === 'wrapup');
    });
    expect(text(desk)).toBe('wrapup / no call');
  });

  it('useQueueStatus shows a supervisor the latest status of a queue', async () => {
    const supervisor = await signIn(gateway, '1008');
    const wallboard = render(supervisor.sdk, () => {
      const queue = useQueueStatus('1');
      return queue?.queueParams === undefined
        ? 'no data'
        : `queue 1: ${queue.queueParams.calls} waiting, ${queue.queueParams.availableCount} available`;
    });
    expect(text(wallboard)).toBe('no data');
    await act(async () => {
      await supervisor.sdk.getQueueStatus({ queueNos: ['1'], fields: 'queueParams' });
    });
    expect(text(wallboard)).toMatch(/^queue 1: \d+ waiting, \d+ available$/);
  });

  it('useAgentSDK gives the provider client, and AgentSDK without a provider', () => {
    let inside: AgentSdkClient | undefined;
    let outside: AgentSdkClient | undefined;
    const client = { subscribe: () => () => undefined, getState: () => AgentSDK.getState() } as unknown as AgentSdkClient;
    act(() => {
      renderers.push(
        create(
          createElement(
            AgentSdkProvider,
            { client },
            createElement(() => {
              inside = useAgentSDK();
              return null;
            }),
          ),
        ),
      );
      renderers.push(
        create(
          createElement(() => {
            outside = useAgentSDK();
            return null;
          }),
        ),
      );
    });
    expect(inside).toBe(client);
    expect(outside).toBe(AgentSDK);
  });
});
