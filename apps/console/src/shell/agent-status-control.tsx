/**
 * The agent's status in the header: a badge with the time in state (or the wrap-up countdown with "Prolong 60 s"),
 * and the status selector (Available / Busy: <each pause reason>). pause/unpause go through the SDK.
 */
import { LoginStatus } from '@agentsdk/protocol';
import type { AgentStatus } from '@agentsdk/sdk';
import { useState } from 'preact/hooks';
import type { DemoDirectory, DemoPauseReason } from '../api/demo-directory.js';
import { describeAgentState, stateTone } from '../format/agent-states.js';
import { formatCountdown, formatDuration } from '../format/durations.js';
import { useNow } from '../hooks/use-now.js';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { SHORTCUTS, useShortcut, withShortcut } from '../shortcuts/keyboard-shortcuts.js';
import { StateBadge } from '../ui/state-badge.js';

/** Used when the tenant's pause reasons are unknown (a gateway without the demo directory). */
const FALLBACK_PAUSE_REASONS: DemoPauseReason[] = [{ description: 'busy', pauseType: 1 }];
const PROLONG_SECONDS = 60;

interface AgentStatusControlProps {
  agent: AgentStatus | undefined;
  /** When the agent entered its current state, as this desk saw it (the badge's timer starts there). */
  stateEnteredAt: number | undefined;
  directory: DemoDirectory | undefined;
  inCall: boolean;
  online: boolean;
}

function selectedValue(agent: AgentStatus | undefined): string {
  if (agent === undefined || agent.loginStatus === LoginStatus.OFFLINE) return '';
  if (agent.loginStatus === LoginStatus.BUSY) return `busy:${agent.pauseDescription ?? ''}`;
  if (agent.loginStatus === LoginStatus.WRAPUP) return 'wrapup';
  return 'idle';
}

export function AgentStatusControl({ agent, stateEnteredAt, directory, inCall, online }: AgentStatusControlProps) {
  const now = useNow(250);
  const [pending, setPending] = useState(false);
  const reasons = directory?.pauseReasons.length ? directory.pauseReasons : FALLBACK_PAUSE_REASONS;
  const value = selectedValue(agent);
  const currentReason = agent?.loginStatus === LoginStatus.BUSY ? agent.pauseDescription : undefined;
  const unlistedReason = currentReason !== undefined && !reasons.some((reason) => reason.description === currentReason);
  const busyDuringCall = inCall || agent?.state === 'ringing' || agent?.state === 'talking';

  const choose = async (choice: string) => {
    setPending(true);
    if (choice === 'idle') {
      await runOperation('Set available', () => agentSdk().unpause());
    } else if (choice.startsWith('busy:')) {
      const description = choice.slice('busy:'.length);
      const reason = reasons.find((candidate) => candidate.description === description);
      if (reason)
        await runOperation(`Set busy (${description})`, () =>
          agentSdk().pause({ pauseType: reason.pauseType, pauseDescription: reason.description }),
        );
    }
    setPending(false);
  };

  const disabled = agent === undefined || pending || busyDuringCall || !online;
  // Ready / not ready: Available goes to the first pause reason, anything else back to Available.
  useShortcut('ready', () => void choose(value === 'idle' ? `busy:${reasons[0]!.description}` : 'idle'), !disabled);

  const wrapupLeft = agent?.state === 'wrapup' && agent.wrapupEndsAt !== undefined ? agent.wrapupEndsAt - now : undefined;

  return (
    <div class="status-control">
      {wrapupLeft === undefined ? (
        <StateBadge
          tone={stateTone(agent?.state)}
          label={describeAgentState(agent)}
          detail={agent ? formatDuration(now - (stateEnteredAt ?? agent.stateSince)) : undefined}
        />
      ) : (
        <>
          <span class="state-badge state-badge--wrapup" role="timer" aria-label={`Wrap-up, ${formatCountdown(wrapupLeft)} left`}>
            <span class="state-badge__dot" aria-hidden="true" />
            <span class="state-badge__label">Wrap-up</span>
            <span class="state-badge__detail">{formatCountdown(wrapupLeft)}</span>
          </span>
          <ProlongWrapupButton class="top-bar__button top-bar__button--compact" />
        </>
      )}
      <label class="visually-hidden" for="agent-status-select">
        Status
      </label>
      <select
        id="agent-status-select"
        class="status-select"
        value={value}
        disabled={disabled}
        title={
          busyDuringCall
            ? 'Your status can be changed when the call is over'
            : !online
              ? 'Waiting for the connection'
              : withShortcut('Status: Available or Busy', 'ready')
        }
        aria-keyshortcuts={SHORTCUTS.ready.keys}
        onChange={(event) => void choose(event.currentTarget.value)}
      >
        {value === '' && <option value="">Offline</option>}
        <option value="idle">Available</option>
        <optgroup label="Busy">
          {reasons.map((reason) => (
            <option key={reason.description} value={`busy:${reason.description}`}>
              Busy: {reason.description}
            </option>
          ))}
          {unlistedReason && <option value={`busy:${currentReason}`}>Busy: {currentReason}</option>}
        </optgroup>
        {value === 'wrapup' && <option value="wrapup">Wrap-up</option>}
      </select>
    </div>
  );
}

export function ProlongWrapupButton({ class: className }: { class: string }) {
  const [pending, setPending] = useState(false);
  const prolong = async () => {
    setPending(true);
    await runOperation('Prolong wrap-up', () => agentSdk().prolongWrapup({ wrapupTime: PROLONG_SECONDS }));
    setPending(false);
  };
  return (
    <button type="button" class={className} disabled={pending} onClick={prolong}>
      Prolong {PROLONG_SECONDS} s
    </button>
  );
}
