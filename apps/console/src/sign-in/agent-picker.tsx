/** The agent: a choice from the demo directory (names and roles), or a typed agent number. */
import type { DemoDirectory } from '../api/demo-directory.js';
import { Field } from '../ui/field.js';
import { OTHER_AGENT, type SignInForm } from './sign-in-form.js';

interface AgentPickerProps {
  directory: DemoDirectory | undefined;
  form: SignInForm;
  error: string | undefined;
  onChange: (change: Partial<SignInForm>) => void;
}

export function AgentPicker({ directory, form, error, onChange }: AgentPickerProps) {
  const agents = directory?.agents ?? [];
  if (agents.length === 0) {
    return (
      <Field id="sign-in-agent-number" label="Agent number" error={error}>
        <input
          class="input"
          inputMode="numeric"
          value={form.typedAgentNo}
          onInput={(event) => onChange({ typedAgentNo: event.currentTarget.value })}
        />
      </Field>
    );
  }
  const typed = form.agentChoice === OTHER_AGENT;
  return (
    <div class="field-stack">
      <Field id="sign-in-agent" label="Agent" error={typed ? undefined : error}>
        <select class="select" value={form.agentChoice} onChange={(event) => onChange({ agentChoice: event.currentTarget.value })}>
          <optgroup label="Agents">
            {agents
              .filter((agent) => agent.role === 'agent')
              .map((agent) => (
                <option key={agent.agentNo} value={agent.agentNo}>
                  {agent.name} · {agent.agentNo}
                </option>
              ))}
          </optgroup>
          <optgroup label="Supervisors">
            {agents
              .filter((agent) => agent.role === 'supervisor')
              .map((agent) => (
                <option key={agent.agentNo} value={agent.agentNo}>
                  {agent.name} · {agent.agentNo}
                </option>
              ))}
          </optgroup>
          <option value={OTHER_AGENT}>Another agent number…</option>
        </select>
      </Field>
      {typed && (
        <Field id="sign-in-agent-number" label="Agent number" error={error}>
          <input
            class="input"
            inputMode="numeric"
            value={form.typedAgentNo}
            onInput={(event) => onChange({ typedAgentNo: event.currentTarget.value })}
          />
        </Field>
      )}
    </div>
  );
}
