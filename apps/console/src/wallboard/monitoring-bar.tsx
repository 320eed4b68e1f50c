/** What the supervisor is doing on an agent's call (listening, whispering, barged in, three-way) and how to stop. */
import type { SdkResponse } from '@agentsdk/sdk';
import { agentName } from '../api/demo-directory.js';
import { formatDuration } from '../format/durations.js';
import { useNow } from '../hooks/use-now.js';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { deskStore, type MonitorState } from '../state/desk-state.js';

const MODE_LABELS: Record<MonitorState['mode'], string> = {
  spy: 'Listening to',
  whisper: 'Whispering to',
  barge: 'Barged in on',
  threeway: 'Three-way with',
};
const STOP_LABELS: Record<MonitorState['mode'], string> = {
  spy: 'Stop listening',
  whisper: 'Stop whispering',
  barge: 'Leave the call',
  threeway: 'Leave the three-way',
};

export function MonitoringBar({ monitor, session }: { monitor: MonitorState; session: SignedInSession }) {
  const now = useNow();
  const stop = async () => {
    const sdk = agentSdk();
    // The spec has no "unbarge": the gateway's unspy ends whichever monitoring the supervisor is in.
    const operation: () => Promise<SdkResponse> =
      monitor.mode === 'whisper'
        ? () => sdk.unWhisper()
        : monitor.mode === 'threeway'
          ? () => sdk.cancelThreeway({ agentNo: monitor.agentNo })
          : () => sdk.unspy();
    if (await runOperation(STOP_LABELS[monitor.mode], operation)) deskStore.dispatch({ type: 'monitorEnded' });
  };
  return (
    <section class="monitoring-bar" aria-label="Monitoring">
      <span class="monitoring-bar__pulse" aria-hidden="true" />
      <p>
        <strong>{MODE_LABELS[monitor.mode]}</strong> {agentName(session.directory, monitor.agentNo) ?? `agent ${monitor.agentNo}`}
        <span class="tabular muted"> · {formatDuration(now - monitor.since)}</span>
        {!monitor.linked && <span class="muted"> · connecting…</span>}
      </p>
      <button type="button" class="button button--small button--secondary" onClick={stop}>
        {STOP_LABELS[monitor.mode]}
      </button>
    </section>
  );
}
