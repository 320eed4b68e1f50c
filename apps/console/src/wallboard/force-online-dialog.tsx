/** setOnline (spec 7.7): sign an agent in on a phone the supervisor chooses. */
import { useState } from 'preact/hooks';
import { ENDPOINT_TYPES, defaultEndpoint, type EndpointTypeNumber } from '../format/endpoints.js';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { Dialog } from '../ui/dialog.js';
import { Field } from '../ui/field.js';
import type { AgentRow } from './wallboard-model.js';

export function ForceOnlineDialog({ open, agent, onClose }: { open: boolean; agent: AgentRow; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Sign in ${agent.name}`}
      description="The agent is signed in on this phone and starts receiving calls."
    >
      <ForceOnlineForm agent={agent} onDone={onClose} />
    </Dialog>
  );
}

function ForceOnlineForm({ agent, onDone }: { agent: AgentRow; onDone: () => void }) {
  const [endpointType, setEndpointType] = useState<EndpointTypeNumber>(1);
  const [endpoint, setEndpoint] = useState(defaultEndpoint(1, agent.agentNo, []));
  const [pending, setPending] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setPending(true);
    const response = await runOperation(
      'Sign in agent',
      () => agentSdk().setOnline({ agentNo: agent.agentNo, bindEndpoint: { endpointType, endpoint: endpoint.trim() } }),
      {
        success: `${agent.name} is signed in`,
      },
    );
    setPending(false);
    if (response) onDone();
  };
  return (
    <form class="form" onSubmit={submit}>
      <Field id={`force-online-type-${agent.agentNo}`} label="Phone type">
        <select
          class="select"
          value={endpointType}
          onChange={(event) => {
            const type = Number(event.currentTarget.value) as EndpointTypeNumber;
            setEndpointType(type);
            setEndpoint(defaultEndpoint(type, agent.agentNo, []));
          }}
        >
          {ENDPOINT_TYPES.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`force-online-endpoint-${agent.agentNo}`} label="Number">
        <input class="input" value={endpoint} onInput={(event) => setEndpoint(event.currentTarget.value)} />
      </Field>
      <div class="form__actions">
        <button type="button" class="button button--secondary" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={pending}>
          Sign in agent
        </button>
      </div>
    </form>
  );
}
