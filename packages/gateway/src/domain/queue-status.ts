/**
 * A queue's status as supervisors see it (spec 7.8, docs/06-Types.md), computed from the tenant's queue settings and
 * a snapshot of its agents and calls. Pure, so the getQueueStatus response and the live push agree by construction.
 * "Today" starts at 00:00 UTC of the gateway clock.
 */
import {
  DeviceStatus,
  LoginStatus,
  QUEUE_STATUS_SECTIONS,
  type QueueAgentStatus,
  type QueueEntry,
  type QueueParams,
  type QueueStatusEntry,
  type QueueStatusMap,
} from '@agentsdk/protocol';
import { offlineAgent, stateOf, type AgentRecord } from './agent.js';
import type { CallOutcome, CallRecord } from './call.js';
import { answersQueue, type TenantConfig, type TenantQueue } from './tenant.js';

export type QueueStatusSection = (typeof QUEUE_STATUS_SECTIONS)[number];

export interface QueueSnapshot {
  tenant: TenantConfig;
  /** The tenant's stored agent records; an agent without one has never signed in. */
  agents: AgentRecord[];
  /** The tenant's calls not ended yet. */
  activeCalls: CallRecord[];
  /** The tenant's calls that ended since `startOfUtcDay(now)`. */
  endedToday: CallRecord[];
  now: number;
}

const ABANDONED_OUTCOMES: ReadonlySet<CallOutcome> = new Set(['abandoned', 'queueTimeout']);

export function startOfUtcDay(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
}

/** getQueueStatus `fields`: comma-separated sections; absent, all of them. */
export function sectionsOf(fields: string | undefined): QueueStatusSection[] {
  const named = new Set((fields ?? '').split(',').map((field) => field.trim()));
  const chosen = QUEUE_STATUS_SECTIONS.filter((section) => named.has(section));
  return chosen.length > 0 ? chosen : [...QUEUE_STATUS_SECTIONS];
}

/** The status of each named queue of the tenant (others are left out), with only the sections asked for. */
export function queueStatusOf(
  snapshot: QueueSnapshot,
  queueNos: readonly string[],
  sections: readonly QueueStatusSection[],
): QueueStatusMap {
  const status: QueueStatusMap = {};
  for (const queueNo of queueNos) {
    const queue = snapshot.tenant.queues.find((q) => q.queueNo === queueNo);
    if (!queue) continue;
    const members = memberStatuses(snapshot, queueNo);
    const waiting = snapshot.activeCalls
      .filter((call) => call.queueNo === queueNo && call.phase === 'queued')
      .sort((a, b) => joinTime(a) - joinTime(b));
    const entry: QueueStatusEntry = {};
    if (sections.includes('queueParams')) entry.queueParams = queueParams(snapshot, queue, members, waiting);
    if (sections.includes('agentStatuses')) entry.agentStatuses = members;
    if (sections.includes('queueEntries')) entry.queueEntries = waiting.map((call, index) => queueEntry(call, index + 1, snapshot.now));
    status[queueNo] = entry;
  }
  return status;
}

/** Every agent who answers the queue, signed in or not, in the tenant's order. */
function memberStatuses(snapshot: QueueSnapshot, queueNo: string): QueueAgentStatus[] {
  const records = new Map(snapshot.agents.map((record) => [record.agentNo, record]));
  return snapshot.tenant.agents
    .filter((agent) => answersQueue(agent, queueNo))
    .map((agent) => agentStatusOf(records.get(agent.agentNo) ?? offlineAgent(snapshot.tenant.tenantId, agent.agentNo, snapshot.now)));
}

/** An agent as supervisors and colleagues see it: state, pause reason, and whether its connection is gone. */
export function agentStatusOf(record: AgentRecord): QueueAgentStatus {
  const status: QueueAgentStatus = {
    agentNo: record.agentNo,
    loginStatus: record.loginStatus,
    deviceStatus: record.deviceStatus,
    state: stateOf(record),
    stateSince: record.stateSince,
  };
  if (record.loginStatus === LoginStatus.BUSY && record.pauseDescription) status.pauseDescription = record.pauseDescription;
  if (record.loginStatus !== LoginStatus.OFFLINE && record.detachedSince !== undefined) status.detachedSince = record.detachedSince;
  return status;
}

function queueParams(snapshot: QueueSnapshot, queue: TenantQueue, members: QueueAgentStatus[], waiting: CallRecord[]): QueueParams {
  const dayStart = startOfUtcDay(snapshot.now);
  const ofQueue = (call: CallRecord) => call.queueNo === queue.queueNo;
  const endedToday = snapshot.endedToday.filter(ofQueue);
  const answeredToday = [...endedToday, ...snapshot.activeCalls.filter(ofQueue)].filter((call) => (call.answeredAt ?? -1) >= dayStart);
  const withinServiceLevel = answeredToday.filter((call) => (call.answeredAt ?? 0) - joinTime(call) <= queue.serviceLevelSeconds * 1000);
  const signedIn = members.filter((member) => member.loginStatus !== LoginStatus.OFFLINE);
  const oldest = waiting[0];
  return {
    maxWait: oldest ? secondsBetween(joinTime(oldest), snapshot.now) : 0,
    availableCount: signedIn.length,
    idleCount: signedIn.filter((member) => member.loginStatus === LoginStatus.IDLE && member.deviceStatus === DeviceStatus.IDLE).length,
    completed: endedToday.filter((call) => call.outcome === 'completed').length,
    abandoned: endedToday.filter((call) => call.outcome !== undefined && ABANDONED_OUTCOMES.has(call.outcome)).length,
    calls: waiting.length,
    serviceLevel: queue.serviceLevelSeconds,
    // One decimal: a percentage for a wallboard, not a ratio to compute with.
    serviceLevelPerf: answeredToday.length === 0 ? 100 : Math.round((withinServiceLevel.length / answeredToday.length) * 1000) / 10,
    weight: queue.weight,
    strategy: queue.strategy,
    queueTimeout: queue.queueTimeoutSeconds,
    memberTimeout: queue.ringTimeoutSeconds,
  };
}

function queueEntry(call: CallRecord, position: number, now: number): QueueEntry {
  return {
    customerNumber: call.customerNumber,
    startTime: call.createdAt,
    joinTime: joinTime(call),
    waitTime: secondsBetween(joinTime(call), now),
    priority: 0,
    uniqueId: call.callId,
    overflow: false,
    position,
  };
}

const joinTime = (call: CallRecord) => call.queuedAt ?? call.createdAt;

const secondsBetween = (from: number, to: number) => Math.max(0, Math.floor((to - from) / 1000));
