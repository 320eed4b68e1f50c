/** A telephone keypad: 1-9, *, 0, # with their letters. */
const KEYS: { key: string; letters: string }[] = [
  { key: '1', letters: '' },
  { key: '2', letters: 'ABC' },
  { key: '3', letters: 'DEF' },
  { key: '4', letters: 'GHI' },
  { key: '5', letters: 'JKL' },
  { key: '6', letters: 'MNO' },
  { key: '7', letters: 'PQRS' },
  { key: '8', letters: 'TUV' },
  { key: '9', letters: 'WXYZ' },
  { key: '*', letters: '' },
  { key: '0', letters: '+' },
  { key: '#', letters: '' },
];

interface KeypadGridProps {
  label: string;
  onPress: (key: string) => void;
  disabled?: boolean;
  compact?: boolean;
}

export function KeypadGrid({ label, onPress, disabled = false, compact = false }: KeypadGridProps) {
  return (
    <div class={compact ? 'keypad keypad--compact' : 'keypad'} role="group" aria-label={label}>
      {KEYS.map(({ key, letters }) => (
        <button
          key={key}
          type="button"
          class="keypad__key"
          disabled={disabled}
          aria-label={key === '*' ? 'Star' : key === '#' ? 'Hash' : key}
          onClick={() => onPress(key)}
        >
          <span class="keypad__digit">{key}</span>
          <span class="keypad__letters" aria-hidden="true">
            {letters}
          </span>
        </button>
      ))}
    </div>
  );
}
