/**
 * A colleague picker that shows each colleague's live state (available, busy and why, on a call, wrap-up, offline,
 * disconnected) and marks those who cannot take a call now; the chosen one's state is repeated under the list.
 */
import type { AgentPresence, DemoAgent } from '@agentsdk/protocol';
import { describePresence, isDisconnected } from '../format/agent-states.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Field } from '../ui/field.js';
import { StateBadge } from '../ui/state-badge.js';
import { useColleaguePresence } from './use-colleague-presence.js';

interface ColleagueSelectProps {
  id: string;
  session: SignedInSession;
  colleagues: DemoAgent[];
  agentNo: string;
  onChange: (agentNo: string) => void;
  error?: string | undefined;
}

export function isAvailable(presence: AgentPresence): boolean {
  return presence.state === 'idle' && !isDisconnected(presence);
}

function optionLabel(agent: DemoAgent, presence: AgentPresence | undefined): string {
  const name = `${agent.name} · ${agent.agentNo}`;
  if (presence === undefined) return name;
  const { label } = describePresence(presence);
  return isAvailable(presence) ? `${name} — ${label}` : `${name} — ${label} (unavailable)`;
}

export function ColleagueSelect({ id, session, colleagues, agentNo, onChange, error }: ColleagueSelectProps) {
  const presence = useColleaguePresence(session);
  const chosen = presence?.get(agentNo);
  const chosenName = colleagues.find((agent) => agent.agentNo === agentNo)?.name ?? `Agent ${agentNo}`;
  const hint = chosen && (
    <span class="colleague-presence" aria-live="polite">
      <StateBadge {...describePresence(chosen)} />
      {!isAvailable(chosen) && <span> {chosenName} cannot take a call now.</span>}
    </span>
  );
  return (
    <Field id={id} label="Colleague" error={error} hint={hint}>
      <select class="select" value={agentNo} onChange={(event) => onChange(event.currentTarget.value)}>
        {colleagues.map((agent) => (
          <option key={agent.agentNo} value={agent.agentNo}>
            {optionLabel(agent, presence?.get(agent.agentNo))}
          </option>
        ))}
      </select>
    </Field>
  );
}
