/**
 * Up to 5 channel variables travelling with a call (ChannelVariable): name, value, and how far they go
 * (1 events only, 2 also the call record, 3 also a SIP header).
 */
import { Plus, Trash2 } from 'lucide';
import type { ChannelVariable } from '@agentsdk/sdk';
import { Icon } from '../ui/icon.js';

export interface VariableRow {
  name: string;
  value: string;
  type: 1 | 2 | 3;
}

const MAX_VARIABLES = 5;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

/** The rows as ChannelVariables, or the first problem. Empty rows are ignored. */
export function channelVariablesOf(
  rows: VariableRow[],
): { variables: ChannelVariable[]; error?: undefined } | { error: string; variables?: undefined } {
  const variables: ChannelVariable[] = [];
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '' && row.value === '') continue;
    if (!VARIABLE_NAME.test(name))
      return { error: `“${name || '(empty)'}” is not a variable name: a letter or _ then letters, digits or _.` };
    variables.push({ name, value: row.value, type: row.type });
  }
  return { variables };
}

interface ChannelVariablesEditorProps {
  idPrefix: string;
  legend: string;
  rows: VariableRow[];
  onChange: (rows: VariableRow[]) => void;
}

export function ChannelVariablesEditor({ idPrefix, legend, rows, onChange }: ChannelVariablesEditorProps) {
  const update = (index: number, change: Partial<VariableRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset class="variables">
      <legend class="field__label">{legend}</legend>
      {rows.length === 0 && <p class="field__hint">None. Variables travel with the call to the target.</p>}
      {rows.map((row, index) => (
        <div class="variables__row" key={index}>
          <input
            class="input"
            aria-label={`Variable ${index + 1} name`}
            id={`${idPrefix}-name-${index}`}
            placeholder="name"
            value={row.name}
            onInput={(event) => update(index, { name: event.currentTarget.value })}
          />
          <input
            class="input"
            aria-label={`Variable ${index + 1} value`}
            placeholder="value"
            value={row.value}
            onInput={(event) => update(index, { value: event.currentTarget.value })}
          />
          <select
            class="select"
            aria-label={`Variable ${index + 1} scope`}
            value={row.type}
            onChange={(event) => update(index, { type: Number(event.currentTarget.value) as VariableRow['type'] })}
          >
            <option value={1}>Events</option>
            <option value={2}>+ Call record</option>
            <option value={3}>+ SIP header</option>
          </select>
          <button
            type="button"
            class="icon-button"
            aria-label={`Remove variable ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <Icon icon={Trash2} size={16} />
          </button>
        </div>
      ))}
      {rows.length < MAX_VARIABLES && (
        <button
          type="button"
          class="button button--subtle button--small"
          onClick={() => onChange([...rows, { name: '', value: '', type: 1 }])}
        >
          <Icon icon={Plus} size={16} />
          Add variable
        </button>
      )}
    </fieldset>
  );
}
