/** GET /api/v1/demo: the embedded gateway's demo tenant (agents, queues, pause reasons, caller IDs and its API key). */
import type { DemoDirectory, DemoResponse } from '@agentsdk/protocol';
import { requestJson } from './http-json.js';

export type { DemoCallerId, DemoDirectory, DemoIvr, DemoPauseReason } from '@agentsdk/protocol';

/** The demo directory, or undefined when the gateway is not in embedded mode (`{ embedded: false }`). */
export async function fetchDemoDirectory(): Promise<DemoDirectory | undefined> {
  try {
    const directory = await requestJson<DemoResponse>('/api/v1/demo');
    return directory.embedded ? directory : undefined;
  } catch {
    return undefined;
  }
}

export function queueName(directory: DemoDirectory | undefined, queueNo: string | undefined): string | undefined {
  if (queueNo === undefined) return undefined;
  return directory?.queues.find((queue) => queue.queueNo === queueNo)?.name;
}

export function agentName(directory: DemoDirectory | undefined, agentNo: string | undefined): string | undefined {
  if (agentNo === undefined) return undefined;
  return directory?.agents.find((agent) => agent.agentNo === agentNo)?.name;
}
