/**
 * The controls of a connected call: hold, mute (with its direction), DTMF keypad, survey, and the dialogs for
 * consultation, blind transfer, three-way and IVR.
 */
import { ArrowRightLeft, Grid3x3, Mic, MicOff, Pause, Play, Star, Users, Merge, Workflow } from 'lucide';
import type { SdkResponse } from '@agentsdk/sdk';
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import type { ActiveCall, ConsultState } from '../state/desk-state.js';
import { SHORTCUTS, useShortcut, withShortcut } from '../shortcuts/keyboard-shortcuts.js';
import { ConsultDialog } from './consult-dialog.js';
import { ControlTile } from './control-tile.js';
import { DtmfKeypad } from './dtmf-keypad.js';
import { IvrDialog } from './ivr-dialog.js';
import { MuteDirectionPicker, type MuteDirection } from './mute-direction-picker.js';
import { TransferDialog } from './transfer-dialog.js';

type OpenDialog = 'consult' | 'threeway' | 'transfer' | 'ivr' | undefined;

interface CallControlsProps {
  call: ActiveCall;
  consult: ConsultState | undefined;
  session: SignedInSession;
}

/** Unmuting restores exactly what is muted. */
function mutedDirection(muted: ActiveCall['muted']): MuteDirection | undefined {
  if (muted.in && muted.out) return 'all';
  if (muted.out) return 'out';
  if (muted.in) return 'in';
  return undefined;
}

export function CallControls({ call, consult, session }: CallControlsProps) {
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [direction, setDirection] = useState<MuteDirection>('out');
  const [pending, setPending] = useState(false);
  const connected = call.phase === 'connected';
  const mutedNow = mutedDirection(call.muted);
  const notConnected = connected ? undefined : 'Available once the other party answers';

  const run = async (label: string, operation: () => Promise<SdkResponse>, success?: string) => {
    setPending(true);
    await runOperation(label, operation, success === undefined ? {} : { success });
    setPending(false);
  };

  const toggleHold = () => (call.held ? run('Resume', () => agentSdk().unhold()) : run('Hold', () => agentSdk().hold()));
  const toggleMute = () =>
    mutedNow ? run('Unmute', () => agentSdk().unmute({ direction: mutedNow })) : run('Mute', () => agentSdk().mute({ direction }));
  const holdDisabled = !connected || pending || consult !== undefined;
  const muteDisabled = !connected || pending;
  useShortcut('hold', () => void toggleHold(), !holdDisabled);
  useShortcut('mute', () => void toggleMute(), !muteDisabled);
  const consultAnswered = consult?.phase === 'talking' || consult?.phase === 'withCaller';
  const threeway = () => (consultAnswered ? run('Three-way', () => agentSdk().threewayAtxfer()) : setDialog('threeway'));
  const survey = () => run('Survey', () => agentSdk().performSatisfactionSurvey(), 'The caller is rating the call; you are free');

  return (
    <>
      <div class="call-controls" role="group" aria-label="Call controls">
        <ControlTile
          icon={call.held ? Play : Pause}
          label={call.held ? 'Resume' : 'Hold'}
          pressed={call.held}
          disabled={holdDisabled}
          title={
            notConnected ??
            (consult === undefined ? withShortcut(call.held ? 'Resume' : 'Hold', 'hold') : 'Not during a consultation or three-way call')
          }
          keyshortcuts={SHORTCUTS.hold.keys}
          onClick={toggleHold}
        />
        <ControlTile
          icon={mutedNow ? MicOff : Mic}
          label={mutedNow ? 'Unmute' : 'Mute'}
          pressed={mutedNow !== undefined}
          disabled={muteDisabled}
          title={notConnected ?? withShortcut(mutedNow ? 'Unmute' : 'Mute', 'mute')}
          keyshortcuts={SHORTCUTS.mute.keys}
          onClick={toggleMute}
        />
        <ControlTile
          icon={Grid3x3}
          label="Keypad"
          expanded={keypadOpen}
          controls="dtmf-keypad"
          disabled={!connected}
          title={notConnected}
          onClick={() => setKeypadOpen((open) => !open)}
        />
        <ControlTile
          icon={Star}
          label="Survey"
          disabled={!connected || pending}
          title={notConnected ?? 'Hand the caller to the satisfaction survey'}
          onClick={survey}
        />
        <ControlTile
          icon={Users}
          label="Consult…"
          disabled={!connected || consult !== undefined}
          title={notConnected}
          onClick={() => setDialog('consult')}
        />
        <ControlTile
          icon={ArrowRightLeft}
          label="Transfer…"
          disabled={!connected}
          title={notConnected}
          onClick={() => setDialog('transfer')}
        />
        <ControlTile
          icon={Merge}
          label="Three-way"
          disabled={!connected || pending || consult?.phase === 'dialing' || consult?.phase === 'threeway'}
          title={notConnected ?? (consultAnswered ? 'Join the caller and the consulted party' : 'Call someone first, then join everyone')}
          onClick={threeway}
        />
        <ControlTile icon={Workflow} label="IVR…" disabled={!connected} title={notConnected} onClick={() => setDialog('ivr')} />
      </div>
      <MuteDirectionPicker value={direction} onChange={setDirection} disabled={mutedNow !== undefined || !connected} />
      {keypadOpen && connected && <DtmfKeypad />}
      <ConsultDialog
        open={dialog === 'consult' || dialog === 'threeway'}
        intent={dialog === 'threeway' ? 'threeway' : 'consult'}
        session={session}
        onClose={() => setDialog(undefined)}
      />
      <TransferDialog open={dialog === 'transfer'} session={session} onClose={() => setDialog(undefined)} />
      <IvrDialog open={dialog === 'ivr'} directory={session.directory} onClose={() => setDialog(undefined)} />
    </>
  );
}
