/** Which way Mute acts (spec 4.6): `out` the microphone, `in` the speaker, `all` both. */
export type MuteDirection = 'in' | 'out' | 'all';

const DIRECTIONS: { value: MuteDirection; label: string }[] = [
  { value: 'out', label: 'Microphone' },
  { value: 'in', label: 'Speaker' },
  { value: 'all', label: 'Both' },
];

interface MuteDirectionPickerProps {
  value: MuteDirection;
  onChange: (direction: MuteDirection) => void;
  disabled: boolean;
}

export function MuteDirectionPicker({ value, onChange, disabled }: MuteDirectionPickerProps) {
  return (
    <fieldset class="inline-choice" disabled={disabled}>
      <legend class="inline-choice__legend">Mute</legend>
      <div class="segmented segmented--small">
        {DIRECTIONS.map((direction) => (
          <label key={direction.value} class="segmented__option">
            <input
              type="radio"
              name="mute-direction"
              value={direction.value}
              checked={value === direction.value}
              onChange={() => onChange(direction.value)}
            />
            <span>{direction.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
