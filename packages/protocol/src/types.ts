/** Shapes shared by operations and events (docs/06-Types.md). Parameter types are inferred from the schemas. */
import type * as v from 'valibot';
import type { BindEndpointSchema, ChannelVariableSchema } from './schemas/common.js';
import type {
  AgentStateActionValue,
  AgentStateNameValue,
  CallTypeValue,
  DeviceStatusValue,
  LoginStatusValue,
  PauseTypeValue,
} from './enums.js';
import type { MonitorMode } from './event-enums.js';

export type BindEndpoint = v.InferOutput<typeof BindEndpointSchema>;
export type ChannelVariable = v.InferInput<typeof ChannelVariableSchema>;


/** A full snapshot of one agent, carried by every `agentStatus` event. */
export interface AgentStatus {
  tenantId: string;
  agentNo: string;
  /** Composite state (docs/08-State-Machine.md). */
  state: AgentStateNameValue;
  /** The transition that entered `state`. */
  stateAction: AgentStateActionValue;
  loginStatus: LoginStatusValue;
  deviceStatus: DeviceStatusValue;
  /** Present while busy (loginStatus 2). */
  pauseType?: PauseTypeValue;
  pauseDescription?: string;
  /** Bound endpoint, kept after logout unless unbound. */
  bindEndpoint?: BindEndpoint;
  /** login `workMode`, when given. */
  workMode?: string;
  /** Set while a supervisor listens to, whispers to, barges into or joins this agent's call. */
  monitoredBy?: { supervisorNo: string; mode: MonitorMode };
  /** Supervisors: set while on a watched agent's call. */
  monitoring?: { agentNo: string; mode: MonitorMode };
  /** Set while a call is offered to or handled by the agent. */
  callId?: string;
  callType?: CallTypeValue;
  /** Epoch ms when `state` was entered. */
  stateSince: number;
  /** Epoch ms when the agent signed in; absent while offline. */
  loginTime?: number;
  /** Epoch ms when wrap-up ends by itself (state `wrapup`). */
  wrapupEndsAt?: number;
}

export interface QueueParams {
  maxWait: number;
  availableCount: number;
  idleCount: number;
  completed: number;
  abandoned: number;
  calls: number;
  serviceLevel: number;
  serviceLevelPerf: number;
  weight: number;
  strategy: string;
  queueTimeout: number;
  memberTimeout: number;
}

export interface QueueAgentStatus {
  agentNo: string;
  loginStatus: LoginStatusValue;
  deviceStatus: DeviceStatusValue;
  state: AgentStateNameValue;
  stateSince: number;
  /** While busy: the pause reason (`supervisor` when a supervisor forced it). */
  pauseDescription?: string;
  /** Epoch ms since when the signed-in agent has had no live connection (browser closed, network gone): offered no calls. */
  detachedSince?: number;
}

export interface QueueEntry {
  customerNumber: string;
  startTime: number;
  joinTime: number;
  waitTime: number;
  priority: number;
  uniqueId: string;
  overflow: boolean;
  position: number;
}

export interface QueueStatusEntry {
  queueParams?: QueueParams;
  agentStatuses?: QueueAgentStatus[];
  queueEntries?: QueueEntry[];
}

export type QueueStatusMap = Record<string, QueueStatusEntry>;
