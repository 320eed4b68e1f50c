/** Wrap-up: the call's outcome from the tenant's dispositions, and notes, saved with the call record (setDisposition). */
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { Field } from '../ui/field.js';

interface DispositionFormProps {
  callId: string;
  dispositions: { code: string; label: string }[];
}

export function DispositionForm({ callId, dispositions }: DispositionFormProps) {
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const [saved, setSaved] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const save = async (event: Event) => {
    event.preventDefault();
    setPending(true);
    const response = await runOperation('Save disposition', () =>
      agentSdk().setDisposition({ callId, dispositionCode: code, ...(notes.trim() === '' ? {} : { notes: notes.trim() }) }),
    );
    setPending(false);
    if (response) setSaved(dispositions.find((disposition) => disposition.code === code)?.label ?? code);
  };
  return (
    <form class="form disposition-form" onSubmit={save} aria-label="Disposition">
      <Field id="disposition-code" label="Outcome">
        <select class="select" value={code} onChange={(event) => setCode(event.currentTarget.value)}>
          <option value="" disabled>
            Choose…
          </option>
          {dispositions.map((disposition) => (
            <option key={disposition.code} value={disposition.code}>
              {disposition.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="disposition-notes" label="Notes">
        <textarea class="input textarea" rows={3} maxLength={2000} value={notes} onInput={(event) => setNotes(event.currentTarget.value)} />
      </Field>
      <button type="submit" class="button button--primary button--block" disabled={code === '' || pending}>
        {pending ? 'Saving…' : 'Save outcome'}
      </button>
      {saved && (
        <p class="disposition-form__saved" role="status">
          Saved: {saved}
        </p>
      )}
    </form>
  );
}
