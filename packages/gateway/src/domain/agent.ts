/** An agent as the gateway keeps it, and the `agentStatus` snapshot every status event carries (docs/05-Events.md). */
import {
  AgentStateAction,
  AgentStateName,
  DeviceStatus,
  LoginStatus,
  PauseType,
  type AgentStateActionValue,
  type AgentStateNameValue,
  type AgentStatus,
  type BindEndpoint,
  type CallTypeValue,
  type DeviceStatusValue,
  type LoginStatusValue,
  type PauseTypeValue,
} from '@agentsdk/protocol';

export interface AgentRecord {
  tenantId: string;
  agentNo: string;
  loginStatus: LoginStatusValue;
  deviceStatus: DeviceStatusValue;
  stateAction: AgentStateActionValue;
  stateSince: number;
  pauseType?: number;
  pauseDescription?: string;
  bindEndpoint?: BindEndpoint;
  workMode?: string;
  loginTime?: number;
  wrapupEndsAt?: number;
  /** The live session, absent while offline. */
  sessionId?: string;
  /** Supervisor only: the queues watched in this session. */
  qids?: string[];
  /** logoutMode 2: sign out once the current call and wrap-up end. */
  logoutPending?: { unbindEndpoint: boolean };
  /** The call offered to or handled by the agent. */
  callId?: string;
  monitoredBy?: AgentStatus['monitoredBy'];
  monitoring?: AgentStatus['monitoring'];
  callType?: CallTypeValue;
  /** The pause to return to after the call's wrap-up (an agent who dials out while busy stays busy). */
  pauseAfterCall?: { pauseType: number; pauseDescription: string };
  /** Calls answered since sign-in (the fewest-calls routing strategy). */
  callsAnswered?: number;
  /** When the agent was last offered a call (round-robin routing). */
  lastOfferAt?: number;
  /** The gateway process (boot id) holding the session's socket. */
  socketOwnerId?: string;
  /** Since when the session has had no socket (dropped, or its gateway died): no queue call is offered meanwhile. */
  detachedSince?: number;
  /** The node holding the socket died, so events for the session may have reached nobody: its resume must resync. */
  eventsLost?: true;
}

/** The system pause an agent is put in after not answering an offered queue call. */
export const RING_NO_ANSWER_PAUSE = { pauseType: 1, pauseDescription: 'ring no answer' } as const;

/** The pause a supervisor forces on an agent (`setPause`). */
export const SUPERVISOR_PAUSE = { pauseType: PauseType.FORCED, pauseDescription: 'supervisor' } as const;

export function offlineAgent(tenantId: string, agentNo: string, now: number): AgentRecord {
  return {
    tenantId,
    agentNo,
    loginStatus: LoginStatus.OFFLINE,
    deviceStatus: DeviceStatus.IDLE,
    stateAction: AgentStateAction.LOGOUT,
    stateSince: now,
  };
}

export function stateOf(record: Pick<AgentRecord, 'loginStatus' | 'deviceStatus'>): AgentStateNameValue {
  if (record.loginStatus !== LoginStatus.OFFLINE) {
    if (record.deviceStatus === DeviceStatus.INVITE || record.deviceStatus === DeviceStatus.RINGING) return AgentStateName.RINGING;
    if (record.deviceStatus === DeviceStatus.IN_USE) return AgentStateName.TALKING;
  }
  switch (record.loginStatus) {
    case LoginStatus.OFFLINE:
      return AgentStateName.OFFLINE;
    case LoginStatus.IDLE:
      return AgentStateName.IDLE;
    case LoginStatus.BUSY:
      return AgentStateName.BUSY;
    case LoginStatus.WRAPUP:
      return AgentStateName.WRAPUP;
  }
}

export function toAgentStatus(record: AgentRecord): AgentStatus {
  const status: AgentStatus = {
    tenantId: record.tenantId,
    agentNo: record.agentNo,
    state: stateOf(record),
    stateAction: record.stateAction,
    loginStatus: record.loginStatus,
    deviceStatus: record.deviceStatus,
    stateSince: record.stateSince,
  };
  if (record.loginStatus === LoginStatus.BUSY) {
    // Only pause's schema (0-3), the tenant's pause reasons (0-3) and setPause (4) set it.
    status.pauseType = record.pauseType as PauseTypeValue | undefined;
    status.pauseDescription = record.pauseDescription;
  }
  if (record.bindEndpoint) status.bindEndpoint = record.bindEndpoint;
  if (record.workMode !== undefined) status.workMode = record.workMode;
  if (record.loginTime !== undefined) status.loginTime = record.loginTime;
  if (record.wrapupEndsAt !== undefined) status.wrapupEndsAt = record.wrapupEndsAt;
  if (record.callId !== undefined) status.callId = record.callId;
  if (record.monitoredBy) status.monitoredBy = record.monitoredBy;
  if (record.monitoring) status.monitoring = record.monitoring;
  if (record.callType !== undefined) status.callType = record.callType;
  return status;
}
