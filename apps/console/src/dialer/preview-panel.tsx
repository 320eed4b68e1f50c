/** A preview outbound call before the agent's phone answers: its progress, and Cancel (cancelPreviewObCall). */
import { PhoneOff } from 'lucide';
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { deskStore, type PreviewProgress } from '../state/desk-state.js';
import { Icon } from '../ui/icon.js';
import { Panel } from '../ui/panel.js';
import { PreviewProgressSteps } from './preview-progress-steps.js';

export function PreviewPanel({ preview, agentState }: { preview: PreviewProgress; agentState: string | undefined }) {
  const [pending, setPending] = useState(false);
  const cancel = async () => {
    setPending(true);
    const response = await runOperation('Cancel call', () => agentSdk().cancelPreviewObCall());
    setPending(false);
    if (response && agentState !== 'ringing' && agentState !== 'talking') deskStore.dispatch({ type: 'previewAbandoned' });
  };
  return (
    <Panel title={`Calling ${preview.customerNumber}`} class="call-panel">
      <PreviewProgressSteps preview={preview} agentState={agentState} />
      {preview.failed && (
        <div class="callout callout--error" role="alert">
          {preview.failed}
        </div>
      )}
      <button type="button" class="button button--danger button--block" disabled={pending} onClick={cancel}>
        <Icon icon={PhoneOff} size={18} />
        Cancel call
      </button>
    </Panel>
  );
}
