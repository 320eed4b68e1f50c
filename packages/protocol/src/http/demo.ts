/**
 * GET /api/v1/demo: what the console needs to let a visitor try an embedded gateway alone: the demo tenant's directory
 * and its API key. Outside embedded mode only `{ embedded: false }`.
 */
import type { OperationParams } from '../operations.js';

export interface DemoAgent {
  agentNo: string;
  name: string;
  role: 'agent' | 'supervisor';
  queues: string[];
}

export interface DemoQueue {
  queueNo: string;
  name: string;
}

export interface DemoPauseReason {
  description: string;
  /** The types an agent may pause with (FORCED is a supervisor's). */
  pauseType: OperationParams<'pause'>['pauseType'];
}

export interface DemoCallerId {
  number: string;
  areaCode?: string;
  group?: string;
}

/** An IVR by name, with its nodes' kinds and prompts, so agents pick IVR nodes by what they do. */
export interface DemoIvr {
  ivrId: string;
  name: string;
  nodes: { id: string; kind: string; prompt?: string }[];
}

export interface DemoDirectory {
  embedded: true;
  tenantId: string;
  name: string;
  apiKey: string;
  agents: DemoAgent[];
  queues: DemoQueue[];
  pauseReasons: DemoPauseReason[];
  extensions: string[];
  callerIds: DemoCallerId[];
  /** The outcomes an agent gives a call in wrap-up (`setDisposition`). */
  dispositions: { code: string; label: string }[];
  ivrs: DemoIvr[];
}

export type DemoResponse = DemoDirectory | { embedded: false };
