/** GET /api/v1/demo: the embedded gateway's demo tenant (agents, queues, pause reasons, caller IDs and its API key). */
import type { OperationParams } from '@agentsdk/sdk';
import { requestJson } from './http-json.js';

export interface DirectoryAgent {
  agentNo: string;
  name: string;
  role: 'agent' | 'supervisor';
  queues: string[];
}

export interface DirectoryQueue {
  queueNo: string;
  name: string;
}

export interface PauseReason {
  description: string;
  pauseType: OperationParams<'pause'>['pauseType'];
}

export interface CallerId {
  number: string;
  areaCode?: string;
  group?: string;
}

export interface DirectoryIvr {
  ivrId: string;
  name: string;
  nodes: { id: string; kind: string; prompt?: string }[];
}

export interface DemoDirectory {
  tenantId: string;
  name: string;
  embedded: true;
  apiKey: string;
  agents: DirectoryAgent[];
  queues: DirectoryQueue[];
  pauseReasons: PauseReason[];
  extensions: string[];
  callerIds: CallerId[];
  /** Absent from gateways older than this console. */
  ivrs?: DirectoryIvr[];
  /** The outcomes an agent gives a call in wrap-up (setDisposition); absent from older gateways. */
  dispositions?: { code: string; label: string }[];
}

/** The demo directory, or undefined when the gateway is not in embedded mode (`{ embedded: false }`). */
export async function fetchDemoDirectory(): Promise<DemoDirectory | undefined> {
  try {
    const directory = await requestJson<DemoDirectory | { embedded: false }>('/api/v1/demo');
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
