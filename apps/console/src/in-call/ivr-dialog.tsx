/**
 * Hand the caller to an IVR node for self-service (transferIvr, spec 5.5), e.g. to key in a customer number; the
 * values come back to the agent in `interactReturn`, shown with the interaction.
 */
import { useState } from 'preact/hooks';
import type { DemoDirectory } from '../api/demo-directory.js';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { deskStore } from '../state/desk-state.js';
import { Dialog } from '../ui/dialog.js';
import { ChannelVariablesEditor, channelVariablesOf, type VariableRow } from './channel-variables-editor.js';
import { IvrNodePicker, defaultIvrNode } from './ivr-node-picker.js';
import { ReturnVariablesEditor, returnVariablesOf, type ReturnRow } from './return-variables-editor.js';

export function IvrDialog({ open, directory, onClose }: { open: boolean; directory: DemoDirectory | undefined; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Send to IVR"
      description="The caller interacts with the IVR node; the values it collects come back to you."
      wide
    >
      <IvrForm directory={directory} onDone={onClose} />
    </Dialog>
  );
}

function IvrForm({ directory, onDone }: { directory: DemoDirectory | undefined; onDone: () => void }) {
  const [{ ivrId, ivrNode }, setTarget] = useState(() => defaultIvrNode(directory));
  const [variables, setVariables] = useState<VariableRow[]>([]);
  const [returns, setReturns] = useState<ReturnRow[]>([{ ivrVariable: 'customerId', reportAs: 'customerId' }]);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (ivrId.trim() === '' || ivrNode.trim() === '') return setError('Enter the IVR and its node.');
    const checked = channelVariablesOf(variables);
    if (checked.error !== undefined) return setError(checked.error);
    const returnVariables = returnVariablesOf(returns);
    if ('error' in returnVariables) return setError(returnVariables.error);
    setError(undefined);
    setPending(true);
    const response = await runOperation(
      'Send to IVR',
      () =>
        agentSdk().transferIvr({
          ivrTarget: { ivrId: ivrId.trim(), ivrNode: ivrNode.trim() },
          ...(checked.variables.length > 0 ? { chanVariables: checked.variables } : {}),
          ...(Object.keys(returnVariables.map).length > 0 ? { returnVariables: returnVariables.map } : {}),
        }),
      { success: 'The caller is in the IVR' },
    );
    setPending(false);
    if (!response) return;
    deskStore.dispatch({ type: 'ivrEntered', at: Date.now() });
    onDone();
  };

  return (
    <form class="form" onSubmit={submit}>
      <IvrNodePicker idPrefix="ivr" directory={directory} ivrId={ivrId} ivrNode={ivrNode} onChange={setTarget} error={error} />
      <ChannelVariablesEditor idPrefix="ivr-variables" legend="Channel variables (optional)" rows={variables} onChange={setVariables} />
      <ReturnVariablesEditor rows={returns} onChange={setReturns} />
      <div class="form__actions">
        <button type="button" class="button button--secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={pending}>
          {pending ? 'Sending…' : 'Send to IVR'}
        </button>
      </div>
    </form>
  );
}
