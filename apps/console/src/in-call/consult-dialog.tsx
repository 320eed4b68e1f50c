/**
 * Consultation (startAtxfer, spec 5.1): the caller waits while the agent talks to a colleague, a number or an
 * extension; then transfer, three-way, or return. Opened as "Three-way" it explains that a consultation comes first.
 */
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { deskStore } from '../state/desk-state.js';
import { Dialog } from '../ui/dialog.js';
import { ChannelVariablesEditor, channelVariablesOf, type VariableRow } from './channel-variables-editor.js';
import { TransferTargetPicker, initialTarget, resolveTarget, type TargetKind, type TransferTarget } from './transfer-target.js';

const CONSULT_TARGET_TYPES: Partial<Record<TargetKind, 0 | 1 | 2>> = { number: 0, agent: 1, extension: 2 };

interface ConsultDialogProps {
  open: boolean;
  intent: 'consult' | 'threeway';
  session: SignedInSession;
  onClose: () => void;
}

export function ConsultDialog({ open, intent, session, onClose }: ConsultDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={intent === 'threeway' ? 'Three-way call' : 'Consult'}
      description={
        intent === 'threeway'
          ? 'First call the person to add. When they answer, choose Three-way to join everyone.'
          : 'The caller is held while you talk to the target. Then transfer, join everyone, or return to the caller.'
      }
    >
      <ConsultForm session={session} onDone={onClose} />
    </Dialog>
  );
}

function ConsultForm({ session, onDone }: { session: SignedInSession; onDone: () => void }) {
  const [target, setTarget] = useState<TransferTarget>(() => initialTarget(session));
  const [variables, setVariables] = useState<VariableRow[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const resolved = resolveTarget(target, session);
    if ('error' in resolved) return setError(resolved.error);
    const checked = channelVariablesOf(variables);
    if (checked.error !== undefined) return setError(checked.error);
    const targetType = CONSULT_TARGET_TYPES[target.kind] ?? 0;
    setError(undefined);
    setPending(true);
    const response = await runOperation('Consult', () =>
      agentSdk().startAtxfer({
        targetType,
        target: resolved.value,
        ...(checked.variables.length > 0 ? { chanVariables: checked.variables } : {}),
      }),
    );
    setPending(false);
    if (!response) return;
    deskStore.dispatch({ type: 'consultStarted', targetType, target: resolved.value, at: Date.now() });
    onDone();
  };

  return (
    <form class="form" onSubmit={submit}>
      <TransferTargetPicker
        idPrefix="consult"
        kinds={['agent', 'number', 'extension']}
        target={target}
        onChange={setTarget}
        session={session}
        error={error}
      />
      <ChannelVariablesEditor idPrefix="consult-variables" legend="Channel variables (optional)" rows={variables} onChange={setVariables} />
      <div class="form__actions">
        <button type="button" class="button button--secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={pending}>
          {pending ? 'Calling…' : 'Start consultation'}
        </button>
      </div>
    </form>
  );
}
