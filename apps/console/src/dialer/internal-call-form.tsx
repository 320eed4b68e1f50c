/** Internal call (InternalCall, spec 4.9): to a colleague (targetType 0) or an extension (1). */
import { Phone } from 'lucide';
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { ColleagueSelect } from '../presence/colleague-select.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Field } from '../ui/field.js';
import { Icon } from '../ui/icon.js';

export function InternalCallForm({ session, disabled }: { session: SignedInSession; disabled: boolean }) {
  const colleagues = (session.directory?.agents ?? []).filter((agent) => agent.agentNo !== session.agentNo);
  const extensions = session.directory?.extensions ?? [];
  const [targetType, setTargetType] = useState<0 | 1>(0);
  const [agentNo, setAgentNo] = useState(colleagues[0]?.agentNo ?? '');
  const [extension, setExtension] = useState(extensions[0] ?? '');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const call = async (event: Event) => {
    event.preventDefault();
    const target = (targetType === 0 ? agentNo : extension).trim();
    if (target === '') return setError(targetType === 0 ? 'Choose a colleague.' : 'Enter an extension.');
    setError(undefined);
    setPending(true);
    const name = colleagues.find((agent) => agent.agentNo === target)?.name;
    await runOperation('Internal call', () => agentSdk().InternalCall({ targetType, target }), {
      success: `Calling ${name ?? target}: pick up your phone`,
    });
    setPending(false);
  };

  return (
    <form class="form" onSubmit={call}>
      <fieldset class="field">
        <legend class="field__label">Call</legend>
        <div class="segmented">
          <label class="segmented__option">
            <input type="radio" name="internal-target-type" checked={targetType === 0} onChange={() => setTargetType(0)} />
            <span>Colleague</span>
          </label>
          <label class="segmented__option">
            <input type="radio" name="internal-target-type" checked={targetType === 1} onChange={() => setTargetType(1)} />
            <span>Extension</span>
          </label>
        </div>
      </fieldset>
      {targetType === 0 ? (
        colleagues.length > 0 ? (
          <ColleagueSelect
            id="internal-agent"
            session={session}
            colleagues={colleagues}
            agentNo={agentNo}
            onChange={setAgentNo}
            error={error}
          />
        ) : (
          <Field id="internal-agent" label="Colleague" error={error} hint="They must be signed in.">
            <input class="input" inputMode="numeric" value={agentNo} onInput={(event) => setAgentNo(event.currentTarget.value)} />
          </Field>
        )
      ) : (
        <Field id="internal-extension" label="Extension" error={error}>
          <input
            class="input"
            inputMode="numeric"
            list="internal-extensions"
            value={extension}
            onInput={(event) => setExtension(event.currentTarget.value)}
          />
        </Field>
      )}
      <datalist id="internal-extensions">
        {extensions.map((candidate) => (
          <option key={candidate} value={candidate} />
        ))}
      </datalist>
      <button type="submit" class="button button--success button--block button--large" disabled={disabled || pending}>
        <Icon icon={Phone} size={18} />
        {pending ? 'Calling…' : 'Call colleague'}
      </button>
    </form>
  );
}
