/**
 * A dialer task's progress on one node: the agents working it, and where it is in its number list. Pure: each
 * function returns the next state. A number handed out and not dialled (the agent was taken meanwhile) goes back.
 */
import type { AutoDialTask } from './tenant.js';
import type { ChannelVariable } from '@agentsdk/protocol';

/** `changeObCallMode.workMode`: 0 preview + predictive, 1 preview only, 2 predictive only. */
export type ObWorkMode = 0 | 1 | 2;
export const DEFAULT_OB_WORK_MODE: ObWorkMode = 0;

export interface TaskMember {
  /** The session that joined: a later session of the same agent does not inherit the task. */
  sessionId: string;
  variables: ChannelVariable[];
}

export interface DialerTaskState {
  nextIndex: number;
  returned: string[];
  members: Readonly<Record<string, TaskMember>>;
}

export const NEW_TASK_STATE: DialerTaskState = { nextIndex: 0, returned: [], members: {} };

/** Progressive dialing is the predictive side of the work mode; preview tasks are the preview side. */
export function workModeAllows(workMode: ObWorkMode, mode: AutoDialTask['mode']): boolean {
  return mode === 'progressive' ? workMode !== 1 : workMode !== 2;
}

export function join(state: DialerTaskState, agentNo: string, member: TaskMember): DialerTaskState {
  return { ...state, members: { ...state.members, [agentNo]: member } };
}

export function leave(state: DialerTaskState, agentNo: string): DialerTaskState {
  const { [agentNo]: _left, ...members } = state.members;
  return { ...state, members };
}

export function remainingNumbers(state: DialerTaskState, task: AutoDialTask): string[] {
  return [...state.returned, ...task.numbers.slice(state.nextIndex)];
}

/** The next number to dial, or none when the task is completed. */
export function claimNext(state: DialerTaskState, task: AutoDialTask): { next: DialerTaskState; number?: string } {
  const [returned, ...rest] = state.returned;
  if (returned !== undefined) return { next: { ...state, returned: rest }, number: returned };
  const number = task.numbers[state.nextIndex];
  if (number === undefined) return { next: state };
  return { next: { ...state, nextIndex: state.nextIndex + 1 }, number };
}

export function giveBack(state: DialerTaskState, number: string): DialerTaskState {
  return { ...state, returned: [number, ...state.returned] };
}

/** callParams (a JSON object in a string) as call-record variables: at most 5, string values. */
export function callParamsVariables(callParams: string | undefined): { ok: true; variables: ChannelVariable[] } | { ok: false; message: string } {
  if (callParams === undefined) return { ok: true, variables: [] };
  const entries = Object.entries(JSON.parse(callParams) as Record<string, unknown>);
  if (entries.length > 5) return { ok: false, message: 'callParams: must have at most 5 keys' };
  const variables: ChannelVariable[] = [];
  for (const [name, value] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(name)) return { ok: false, message: `callParams: ${name} is not a variable name` };
    if (typeof value !== 'string' || value.length > 256) return { ok: false, message: `callParams: ${name} must be a string of at most 256 characters` };
    variables.push({ name, value, type: 2 });
  }
  return { ok: true, variables };
}
