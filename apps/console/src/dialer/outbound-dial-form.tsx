/** Preview outbound (previewObCall, spec 4.1): a number, a caller ID of the tenant, and Call. The number is kept. */
import { Delete, Phone } from 'lucide';
import { useState } from 'preact/hooks';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { dialDraftStore, editDialDraft } from '../state/dial-draft.js';
import { useStore } from '../state/store.js';
import { Field } from '../ui/field.js';
import { Icon } from '../ui/icon.js';
import { dialCustomer } from './dial-customer.js';
import { KeypadGrid } from './keypad-grid.js';

const DIALLABLE = /^[0-9+*#\-() ]+$/;
const AUTOMATIC = '';

export function OutboundDialForm({ session, disabled }: { session: SignedInSession; disabled: boolean }) {
  const { number, callerId } = useStore(dialDraftStore);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const callerIds = session.directory?.callerIds ?? [];
  const groups = [...new Set(callerIds.map((candidate) => candidate.group).filter((group): group is string => Boolean(group)))];
  const setNumber = (next: (current: string) => string) => editDialDraft({ number: next(dialDraftStore.getState().number) });

  const call = async (event: Event) => {
    event.preventDefault();
    const customerNumber = number.trim();
    if (customerNumber === '') return setError('Enter the number to call.');
    if (!DIALLABLE.test(customerNumber)) return setError('Use digits, spaces and + * # - ( ) only.');
    setError(undefined);
    setPending(true);
    await dialCustomer({ number: customerNumber, callerId }, callerIds);
    setPending(false);
  };

  return (
    <form class="form dial-form" onSubmit={call}>
      <div class="field">
        <label class="field__label" for="dial-number">
          Number to call
        </label>
        <div class="dial-form__number">
          <input
            id="dial-number"
            class="input input--dial"
            type="tel"
            inputMode="tel"
            autocomplete="off"
            placeholder="e.g. 13800138000"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'dial-number-error' : undefined}
            value={number}
            onInput={(event) => editDialDraft({ number: event.currentTarget.value })}
          />
          <button
            type="button"
            class="icon-button"
            aria-label="Delete last digit"
            disabled={number === ''}
            onClick={() => setNumber((current) => current.slice(0, -1))}
          >
            <Icon icon={Delete} size={18} />
          </button>
        </div>
        {error && (
          <p class="field__error" id="dial-number-error">
            {error}
          </p>
        )}
      </div>
      <KeypadGrid label="Dial pad" compact onPress={(key) => setNumber((current) => `${current}${key}`)} disabled={disabled} />
      <Field id="dial-caller-id" label="Caller ID">
        <select class="select" value={callerId} onChange={(event) => editDialDraft({ callerId: event.currentTarget.value })}>
          <option value={AUTOMATIC}>Automatic</option>
          {callerIds.map((candidate) => (
            <option key={candidate.number} value={`number:${candidate.number}`}>
              {candidate.number}
              {candidate.areaCode ? ` · area ${candidate.areaCode}` : ''}
              {candidate.group ? ` · ${candidate.group}` : ''}
            </option>
          ))}
          {groups.map((group) => (
            <option key={group} value={`group:${group}`}>
              Any “{group}” number
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" class="button button--success button--block button--large" disabled={disabled || pending}>
        <Icon icon={Phone} size={18} />
        {pending ? 'Calling…' : 'Call'}
      </button>
    </form>
  );
}
