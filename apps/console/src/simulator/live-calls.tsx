/** The tenant's calls in progress (GET sim/calls, every second) with their legs; hang up or press keys as the customer. */
import { useState } from 'preact/hooks';
import type { DemoDirectory } from '../api/demo-directory.js';
import type { SimulatedCall, SimulatorApi } from '../api/simulator-api.js';
import { usePolling } from '../hooks/use-polling.js';
import { describeThrown } from '../sdk/agent-sdk.js';
import { LiveCallCard } from './live-call-card.js';

const POLL_MS = 1000;

export function LiveCalls({ api, directory }: { api: SimulatorApi; directory: DemoDirectory }) {
  const [calls, setCalls] = useState<SimulatedCall[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  usePolling(async () => {
    try {
      setCalls(await api.liveCalls());
      setFailure(undefined);
    } catch (error) {
      setFailure(describeThrown(error).text);
    }
  }, POLL_MS);

  return (
    <section class="drawer__section" aria-labelledby="sim-calls-title">
      <h3 id="sim-calls-title" class="drawer__section-title">
        Live calls {calls && <span class="count">{calls.length}</span>}
      </h3>
      {failure && <p class="callout callout--error">Could not list the calls: {failure}</p>}
      {calls === undefined ? (
        <p class="muted">Loading…</p>
      ) : calls.length === 0 ? (
        <p class="muted">No calls in progress.</p>
      ) : (
        <ul class="live-calls">
          {calls.map((call) => (
            <LiveCallCard key={call.callId} call={call} api={api} directory={directory} />
          ))}
        </ul>
      )}
    </section>
  );
}
