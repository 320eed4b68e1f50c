/** Blind transfer (blxfer, spec 5.4): to a colleague, a number, an extension, a queue or an IVR node, with variables. */
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Dialog } from '../ui/dialog.js';
import { ChannelVariablesEditor, channelVariablesOf, type VariableRow } from './channel-variables-editor.js';
import { TransferTargetPicker, initialTarget, resolveTarget, type TargetKind, type TransferTarget } from './transfer-target.js';

const BLIND_TARGET_TYPES: Record<TargetKind, 0 | 1 | 2 | 3 | 4> = { number: 0, agent: 1, extension: 2, queue: 3, ivr: 4 };

export function TransferDialog({ open, session, onClose }: { open: boolean; session: SignedInSession; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Transfer"
      description="Blind transfer: the caller goes straight to the target and your part of the call ends."
      wide
    >
      <TransferForm session={session} onDone={onClose} />
    </Dialog>
  );
}

function TransferForm({ session, onDone }: { session: SignedInSession; onDone: () => void }) {
  const [target, setTarget] = useState<TransferTarget>(() => initialTarget(session));
  const [variables, setVariables] = useState<VariableRow[]>([]);
  const [sayAgent, setSayAgent] = useState(false);
  const [holdMusic, setHoldMusic] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const resolved = resolveTarget(target, session);
    if ('error' in resolved) return setError(resolved.error);
    const checked = channelVariablesOf(variables);
    if (checked.error !== undefined) return setError(checked.error);
    setError(undefined);
    setPending(true);
    const response = await runOperation(
      'Transfer',
      () =>
        agentSdk().blxfer({
          targetType: BLIND_TARGET_TYPES[target.kind],
          target: resolved.value,
          blxferDialSayAgent: sayAgent ? 1 : 0,
          blxferDialAgentHold: holdMusic ? 1 : 0,
          ...(checked.variables.length > 0 ? { blxferVariables: checked.variables } : {}),
        }),
      { success: `Transferred to ${resolved.label}` },
    );
    setPending(false);
    if (response) onDone();
  };

  return (
    <form class="form" onSubmit={submit}>
      <TransferTargetPicker
        idPrefix="transfer"
        kinds={['agent', 'number', 'extension', 'queue', 'ivr']}
        target={target}
        onChange={setTarget}
        session={session}
        error={error}
      />
      <ChannelVariablesEditor
        idPrefix="transfer-variables"
        legend="Transfer variables (optional)"
        rows={variables}
        onChange={setVariables}
      />
      <div class="checks">
        <label class="check">
          <input type="checkbox" checked={sayAgent} onChange={(event) => setSayAgent(event.currentTarget.checked)} />
          Announce my agent number to the caller
        </label>
        <label class="check">
          <input type="checkbox" checked={holdMusic} onChange={(event) => setHoldMusic(event.currentTarget.checked)} />
          Caller hears hold music while the target rings
        </label>
      </div>
      <div class="form__actions">
        <button type="button" class="button button--secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={pending}>
          {pending ? 'Transferring…' : 'Transfer'}
        </button>
      </div>
    </form>
  );
}
