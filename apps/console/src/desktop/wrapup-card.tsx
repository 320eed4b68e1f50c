/**
 * After a call: the wrap-up countdown, a summary of the call, its outcome and notes (the tenant's dispositions), and
 * "Ready now" (unpause ends wrap-up early).
 */
import type { AgentStatus } from '@agentsdk/sdk';
import { useState } from 'preact/hooks';
import { formatCountdown, formatDuration } from '../format/durations.js';
import { endedByLabel, outcomeLabel } from '../format/call-labels.js';
import { useNow } from '../hooks/use-now.js';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import type { EndedCall } from '../state/desk-state.js';
import { Panel } from '../ui/panel.js';
import { partyName } from './call-party.js';
import { DispositionForm } from './disposition-form.js';

export function WrapupCard({
  agent,
  lastEnded,
  session,
}: {
  agent: AgentStatus;
  lastEnded: EndedCall | undefined;
  session: SignedInSession;
}) {
  const now = useNow(250);
  const [pending, setPending] = useState(false);
  const endsAt = agent.wrapupEndsAt ?? now;
  const total = Math.max(1, endsAt - agent.stateSince);
  const left = Math.max(0, endsAt - now);
  const ready = async () => {
    setPending(true);
    await runOperation('Ready', () => agentSdk().unpause());
    setPending(false);
  };
  return (
    <Panel title="Wrap-up" class="wrapup">
      <div class="wrapup__countdown">
        <span class="wrapup__time">{formatCountdown(left)}</span>
        <span class="wrapup__caption">until you are available again</span>
      </div>
      <div class="meter" aria-hidden="true">
        <span class="meter__fill" style={{ width: `${(left / total) * 100}%` }} />
      </div>
      {lastEnded && (
        <p class="wrapup__summary">
          {partyName(lastEnded, session.directory, session.agentNo)} · {outcomeLabel(lastEnded.outcome)}
          {endedByLabel(lastEnded) && ` · ${endedByLabel(lastEnded)}`}
          {lastEnded.talkedMs !== undefined && ` · ${formatDuration(lastEnded.talkedMs)}`}
        </p>
      )}
      {lastEnded && session.directory?.dispositions?.length ? (
        <DispositionForm key={lastEnded.callId} callId={lastEnded.callId} dispositions={session.directory.dispositions} />
      ) : null}
      <button type="button" class="button button--secondary button--block" disabled={pending} onClick={ready}>
        Ready now
      </button>
    </Panel>
  );
}
