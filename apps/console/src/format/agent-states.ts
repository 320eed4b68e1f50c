/** The composite agent state (`agentStatus.state`) as a label and a colour tone. */
import type { AgentStatus } from '@agentsdk/sdk';

export type StateTone = 'idle' | 'busy' | 'wrapup' | 'ringing' | 'talking' | 'offline' | 'unknown';

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
