/** The composite agent state (`agentStatus.state`) as a label and a colour tone. */
import type { AgentStatus, QueueAgentStatus } from '@agentsdk/sdk';

export type StateTone = 'idle' | 'busy' | 'wrapup' | 'ringing' | 'talking' | 'offline' | 'disconnected' | 'unknown';

const LABELS: Record<string, string> = {
  idle: 'Available',
  busy: 'Busy',
  wrapup: 'Wrap-up',
  ringing: 'Ringing',
  talking: 'On a call',
  offline: 'Offline',
};

export function stateLabel(state: string | undefined): string {
  return state === undefined ? 'Unknown' : (LABELS[state] ?? state);
}

export function stateTone(state: string | undefined): StateTone {
  return state !== undefined && state in LABELS ? (state as StateTone) : 'unknown';
}

/** "Busy · MEETING" when a pause reason is known. */
export function describeAgentState(agent: Pick<AgentStatus, 'state' | 'pauseDescription'> | undefined): string {
  if (agent === undefined) return 'Connecting…';
  const label = stateLabel(agent.state);
  return agent.state === 'busy' && agent.pauseDescription ? `${label} · ${agent.pauseDescription}` : label;
}

/** Whether a signed-in agent's connection is gone (browser closed, network lost): it is offered no calls. */
export function isDisconnected(status: Pick<QueueAgentStatus, 'state' | 'detachedSince'>): boolean {
  return status.detachedSince !== undefined && status.state !== 'offline';
}

/** A colleague or team member as others see them: "Disconnected" wins over the state it had when it went away. */
export function describePresence(status: Pick<QueueAgentStatus, 'state' | 'pauseDescription' | 'detachedSince'>): {
  label: string;
  tone: StateTone;
} {
  if (isDisconnected(status)) return { label: 'Disconnected', tone: 'disconnected' };
  return { label: describeAgentState(status), tone: stateTone(status.state) };
}
