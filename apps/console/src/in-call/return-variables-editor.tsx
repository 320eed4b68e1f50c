/** transferIvr `returnVariables`: which IVR variables come back in interactReturn, and under which name. */
import { Plus, Trash2 } from 'lucide';
import { Icon } from '../ui/icon.js';

export interface ReturnRow {
  ivrVariable: string;
  reportAs: string;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
const MAX_RETURNS = 10;

export function returnVariablesOf(rows: ReturnRow[]): { map: Record<string, string> } | { error: string } {
  const map: Record<string, string> = {};
  for (const row of rows) {
    const name = row.ivrVariable.trim();
    if (name === '') continue;
    if (!VARIABLE_NAME.test(name)) return { error: `“${name}” is not a variable name.` };
    map[name] = row.reportAs.trim() || name;
  }
  return { map };
}

export function ReturnVariablesEditor({ rows, onChange }: { rows: ReturnRow[]; onChange: (rows: ReturnRow[]) => void }) {
  const update = (index: number, change: Partial<ReturnRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset class="variables">
      <legend class="field__label">Values to bring back</legend>
      {rows.map((row, index) => (
        <div class="variables__row variables__row--pair" key={index}>
          <input
            class="input"
            aria-label={`IVR variable ${index + 1}`}
            placeholder="IVR variable"
            value={row.ivrVariable}
            onInput={(event) => update(index, { ivrVariable: event.currentTarget.value })}
          />
          <input
            class="input"
            aria-label={`Report variable ${index + 1} as`}
            placeholder="report as"
            value={row.reportAs}
            onInput={(event) => update(index, { reportAs: event.currentTarget.value })}
          />
          <button
            type="button"
            class="icon-button"
            aria-label={`Remove value ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <Icon icon={Trash2} size={16} />
          </button>
        </div>
      ))}
      {rows.length < MAX_RETURNS && (
        <button
          type="button"
          class="button button--subtle button--small"
          onClick={() => onChange([...rows, { ivrVariable: '', reportAs: '' }])}
        >
          <Icon icon={Plus} size={16} />
          Add value
        </button>
      )}
    </fieldset>
  );
}
