/** The call in progress: who, how long, its state (held, muted), the call controls and Hang up. */
import { CallType } from '@agentsdk/protocol';
import { Phone, PhoneOff } from 'lucide';
import { useState } from 'preact/hooks';
import { formatDuration } from '../format/durations.js';
import { useNow } from '../hooks/use-now.js';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import type { ActiveCall, DeskState } from '../state/desk-state.js';
import { Icon } from '../ui/icon.js';
import { Panel } from '../ui/panel.js';
import { CallControls } from './call-controls.js';
import { callContext, consultTargetName, partyName } from '../desktop/call-party.js';
import { ConsultBar } from './consult-bar.js';
import { PreviewProgressSteps } from '../dialer/preview-progress-steps.js';
import { mediaHealth } from '../state/media-health.js';
import { MediaStatus } from './media-status.js';
import { SHORTCUTS, useShortcut, withShortcut } from '../shortcuts/keyboard-shortcuts.js';

const MONITORED_LABELS = {
  spy: 'Supervisor listening',
  whisper: 'Supervisor coaching you',
  barge: 'Supervisor joined',
  threeway: 'Supervisor joined',
} as const;
const MUTED_LABELS = { both: 'Muted', out: 'Microphone muted', in: 'Speaker muted' } as const;

function mutedLabel(muted: ActiveCall['muted']): string | undefined {
  if (muted.in && muted.out) return MUTED_LABELS.both;
  if (muted.out) return MUTED_LABELS.out;
  if (muted.in) return MUTED_LABELS.in;
  return undefined;
}

export function CallPanel({ call, desk, session }: { call: ActiveCall; desk: DeskState; session: SignedInSession }) {
  const now = useNow();
  const [hangingUp, setHangingUp] = useState(false);
  const connected = call.phase === 'connected';
  const muted = mutedLabel(call.muted);
  const silent = desk.media !== undefined && mediaHealth(desk.media, call.held, now).state === 'silent';
  const hangUp = async () => {
    setHangingUp(true);
    await runOperation('Hang up', () => agentSdk().unlink({ side: 1 }));
    setHangingUp(false);
  };
  useShortcut('hangUp', () => void hangUp(), !hangingUp);
  return (
    <Panel title="Current call" titleId="call-panel-title" class="call-panel">
      <div class="call-card">
        <span class={call.held ? 'call-card__avatar call-card__avatar--held' : 'call-card__avatar'} aria-hidden="true">
          <Icon icon={Phone} size={22} />
        </span>
        <div class="call-card__who">
          <p class="call-card__party">{partyName(call, session.directory, session.agentNo)}</p>
          <p class="call-card__context">{callContext(call, session.directory)}</p>
        </div>
        {/* Talk time starts when the other party answers, not while it still rings. */}
        {call.talkingSince === undefined ? (
          <span class="call-card__timer call-card__timer--waiting">
            {call.callType === CallType.PREVIEW_OUTBOUND ? 'Dialling…' : 'Calling…'}
          </span>
        ) : (
          <span class="call-card__timer tabular" role="timer" aria-label="Call duration">
            {formatDuration(now - call.talkingSince)}
          </span>
        )}
      </div>
      <ul class="chips" aria-label="Call state">
        {silent ? (
          <li class="chip chip--danger">Connected · no audio</li>
        ) : (
          <li class={connected ? 'chip chip--success' : 'chip chip--info'}>
            {connected ? 'Connected' : call.callType === CallType.PREVIEW_OUTBOUND ? 'Dialling customer' : 'Calling…'}
          </li>
        )}
        {call.held && <li class="chip chip--warning">On hold</li>}
        {muted && <li class="chip chip--danger">{muted}</li>}
        {call.inIvrSince !== undefined && <li class="chip chip--info">Caller in IVR</li>}
        {desk.monitoredBy && <li class="chip chip--violet">{MONITORED_LABELS[desk.monitoredBy.mode]}</li>}
      </ul>
      {desk.media && <MediaStatus media={desk.media} held={call.held} />}
      {call.inIvrSince !== undefined && (
        <p class="callout callout--info">
          The caller is using the IVR. You are back with them when it returns; its values appear with the caller details.
        </p>
      )}
      {desk.consultFailure && (
        <p class="callout callout--warning" role="status">
          Consultation with {consultTargetName(desk.consultFailure, session.directory)} failed ({desk.consultFailure.reason}). You are back
          with the caller.
        </p>
      )}
      {!connected && desk.preview && <PreviewProgressSteps preview={desk.preview} agentState={desk.agent?.state} />}
      {desk.consult && <ConsultBar consult={desk.consult} session={session} />}
      <CallControls call={call} consult={desk.consult} session={session} />
      <button
        type="button"
        class="button button--danger button--block button--large"
        disabled={hangingUp}
        title={withShortcut('Hang up', 'hangUp')}
        aria-keyshortcuts={SHORTCUTS.hangUp.keys}
        onClick={hangUp}
      >
        <Icon icon={PhoneOff} size={18} />
        Hang up
      </button>
    </Panel>
  );
}
