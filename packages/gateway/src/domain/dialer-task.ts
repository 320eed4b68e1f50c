/**
 * An agent's side of the dialer: the tasks its session works, with the callParams of each, and its outbound work
 * mode. Pure: each function returns the next record. Kept in the store so every node dials for the agent alike.
 */
import type { ChannelVariable, DialerTaskMode } from '@agentsdk/protocol';

/** `changeObCallMode.workMode`: 0 preview + predictive, 1 preview only, 2 predictive only. */
export type ObWorkMode = 0 | 1 | 2;

export interface DialerAgentRecord {
  tenantId: string;
  agentNo: string;
  /** The session it belongs to: a later session of the same agent starts with no tasks. */
  sessionId: string;
  workMode: ObWorkMode;
  /** taskId → the callParams variables of startAutoObCallTask. */
  tasks: Record<string, ChannelVariable[]>;
}

/** Login `workMode` (comma-separated 0 / 4 / 5) as the `changeObCallMode` number: 0 ↔ 0, 4 ↔ 1, 5 ↔ 2. */
function obWorkModeOfLogin(loginWorkMode: string | undefined): ObWorkMode {
  const values = new Set((loginWorkMode ?? '').split(',').map((value) => value.trim()));
  const preview = values.has('4');
  const predictive = values.has('5');
  if (values.has('0') || preview === predictive) return 0;
  return preview ? 1 : 2;
}

/** The agent's record for `sessionId`: the stored one if it belongs to that session, else a new one. */
export function dialerAgentOf(
  stored: DialerAgentRecord | undefined,
  agent: { tenantId: string; agentNo: string; sessionId: string; loginWorkMode?: string },
): DialerAgentRecord {
  if (stored?.sessionId === agent.sessionId) return stored;
  return {
    tenantId: agent.tenantId,
    agentNo: agent.agentNo,
    sessionId: agent.sessionId,
    workMode: obWorkModeOfLogin(agent.loginWorkMode),
    tasks: {},
  };
}

/** Progressive and predictive tasks are the predictive side of the work mode; preview tasks are the preview side. */
export function workModeAllows(workMode: ObWorkMode, mode: DialerTaskMode): boolean {
  return mode === 'preview' ? workMode !== 2 : workMode !== 1;
}

export function join(record: DialerAgentRecord, taskId: string, variables: ChannelVariable[]): DialerAgentRecord {
  return { ...record, tasks: { ...record.tasks, [taskId]: variables } };
}

export function leave(record: DialerAgentRecord, taskId: string): DialerAgentRecord {
  const { [taskId]: _left, ...tasks } = record.tasks;
  return { ...record, tasks };
}

export function withWorkMode(record: DialerAgentRecord, workMode: ObWorkMode): DialerAgentRecord {
  return { ...record, workMode };
}

/** callParams (a JSON object in a string) as call-record variables: at most 5, string values. */
export function callParamsVariables(
  callParams: string | undefined,
): { ok: true; variables: ChannelVariable[] } | { ok: false; message: string } {
  if (callParams === undefined) return { ok: true, variables: [] };
  const entries = Object.entries(JSON.parse(callParams) as Record<string, unknown>);
  if (entries.length > 5) return { ok: false, message: 'callParams: must have at most 5 keys' };
  const variables: ChannelVariable[] = [];
  for (const [name, value] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(name)) return { ok: false, message: `callParams: ${name} is not a variable name` };
    if (typeof value !== 'string' || value.length > 256)
      return { ok: false, message: `callParams: ${name} must be a string of at most 256 characters` };
    variables.push({ name, value, type: 2 });
  }
  return { ok: true, variables };
}
