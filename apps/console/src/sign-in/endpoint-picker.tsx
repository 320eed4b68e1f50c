/** Where the agent answers calls: endpoint type (PSTN number, extension, softphone) and its number. */
import type { DemoDirectory } from '../api/demo-directory.js';
import { ENDPOINT_TYPES, type EndpointTypeNumber } from '../format/endpoints.js';
import { Field } from '../ui/field.js';
import type { SignInForm } from './sign-in-form.js';

interface EndpointPickerProps {
  form: SignInForm;
  directory: DemoDirectory | undefined;
  error: string | undefined;
  onChange: (change: Partial<SignInForm>) => void;
}

const NUMBER_LABELS: Record<EndpointTypeNumber, string> = { 1: 'Phone number', 2: 'Extension', 3: 'Softphone address' };
const NUMBER_HINTS: Record<EndpointTypeNumber, string> = {
  1: 'The gateway rings this number for your calls.',
  2: 'A desk phone registered in the tenant.',
  3: 'Optional: defaults to your agent number.',
};

export function EndpointPicker({ form, directory, error, onChange }: EndpointPickerProps) {
  const extensions = directory?.extensions ?? [];
  return (
    <div class="form-row">
      <fieldset class="field segmented-field">
        <legend class="field__label">Answer calls on</legend>
        <div class="segmented">
          {ENDPOINT_TYPES.map((type) => (
            <label key={type.value} class="segmented__option">
              <input
                type="radio"
                name="endpoint-type"
                value={type.value}
                checked={form.endpointType === type.value}
                onChange={() => onChange({ endpointType: type.value })}
              />
              <span>{type.short}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="sign-in-endpoint" label={NUMBER_LABELS[form.endpointType]} hint={NUMBER_HINTS[form.endpointType]} error={error}>
        <input
          class="input"
          inputMode={form.endpointType === 3 ? 'text' : 'tel'}
          list={form.endpointType === 2 && extensions.length > 0 ? 'sign-in-extensions' : undefined}
          value={form.endpoint}
          onInput={(event) => onChange({ endpoint: event.currentTarget.value })}
        />
      </Field>
      {form.endpointType === 2 && (
        <datalist id="sign-in-extensions">
          {extensions.map((extension) => (
            <option key={extension} value={extension} />
          ))}
        </datalist>
      )}
    </div>
  );
}
