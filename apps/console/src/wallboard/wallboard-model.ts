/** The wallboard's rows and totals from the tenant directory and the live QueueStatusMap. Pure. */
import type { QueueAgentStatus, QueueEntry, QueueParams, QueueStatusMap } from '@agentsdk/sdk';
import type { DemoDirectory } from '../api/demo-directory.js';
import { isDisconnected } from '../format/agent-states.js';

export interface QueueRow {
  queueNo: string;
  name: string;
  /** Undefined while live data is unavailable. */
  waiting?: number;
  longestWaitMs?: number;
  params?: QueueParams;
  /** The callers in line, first in line first. */
  entries: QueueEntry[];
}

export interface AgentRow {
  agentNo: string;
  name: string;
  queues: string[];
  status?: QueueAgentStatus;
}

export interface WallboardTotals {
  waiting?: number;
  longestWaitMs?: number;
  available?: number;
  onCalls?: number;
  signedIn?: number;
}

export interface WallboardModel {
  queues: QueueRow[];
  agents: AgentRow[];
  totals: WallboardTotals;
}

/** Map keys are queue numbers, or qids (`<tenantId>:<queueNo>`). */
function queueNoOfKey(key: string): string {
  return key.includes(':') ? key.slice(key.lastIndexOf(':') + 1) : key;
}

function waitOf(entry: QueueEntry, now: number): number {
  return entry.joinTime > 0 ? Math.max(0, now - entry.joinTime) : entry.waitTime * 1000;
}

export function buildWallboard(
  directory: DemoDirectory | undefined,
  map: QueueStatusMap | undefined,
  now: number,
  selfAgentNo: string,
): WallboardModel {
  const live = new Map(Object.entries(map ?? {}).map(([key, entry]) => [queueNoOfKey(key), entry]));
  const queueNos = [...new Set([...(directory?.queues.map((queue) => queue.queueNo) ?? []), ...live.keys()])];

  const queues: QueueRow[] = queueNos.map((queueNo) => {
    const row: QueueRow = {
      queueNo,
      name: directory?.queues.find((queue) => queue.queueNo === queueNo)?.name ?? `Queue ${queueNo}`,
      entries: [],
    };
    const entry = map === undefined ? undefined : (live.get(queueNo) ?? {});
    if (entry) {
      const entries = [...(entry.queueEntries ?? [])].sort((a, b) => a.position - b.position);
      row.entries = entries;
      row.waiting = entry.queueEntries ? entries.length : (entry.queueParams?.calls ?? 0);
      row.longestWaitMs = entries.length > 0 ? Math.max(...entries.map((waiting) => waitOf(waiting, now))) : 0;
      if (entry.queueParams) row.params = entry.queueParams;
    }
    return row;
  });

  const statuses = new Map<string, QueueAgentStatus>();
  for (const entry of live.values()) {
    for (const status of entry.agentStatuses ?? []) {
      const known = statuses.get(status.agentNo);
      if (!known || status.stateSince > known.stateSince) statuses.set(status.agentNo, status);
    }
  }
  const directoryAgents = (directory?.agents ?? []).filter((agent) => agent.role === 'agent' && agent.agentNo !== selfAgentNo);
  const agentNos = [
    ...new Set([...directoryAgents.map((agent) => agent.agentNo), ...[...statuses.keys()].filter((agentNo) => agentNo !== selfAgentNo)]),
  ];
  const agents: AgentRow[] = agentNos.map((agentNo) => {
    const known = directoryAgents.find((agent) => agent.agentNo === agentNo);
    const row: AgentRow = { agentNo, name: known?.name ?? `Agent ${agentNo}`, queues: known?.queues ?? [] };
    const status = statuses.get(agentNo);
    if (status) row.status = status;
    return row;
  });

  const totals: WallboardTotals = {};
  if (map !== undefined) {
    totals.waiting = queues.reduce((sum, queue) => sum + (queue.waiting ?? 0), 0);
    totals.longestWaitMs = Math.max(0, ...queues.map((queue) => queue.longestWaitMs ?? 0));
    const known = agents.flatMap((agent) => (agent.status ? [agent.status] : []));
    totals.available = known.filter((status) => status.state === 'idle' && !isDisconnected(status)).length;
    totals.onCalls = known.filter((status) => status.state === 'talking' || status.state === 'ringing').length;
    totals.signedIn = known.filter((status) => status.state !== 'offline').length;
  }
  return { queues, agents, totals };
}
