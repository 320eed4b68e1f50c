/** A square call-control button: icon over label. */
import type { IconNode } from 'lucide';
import { Icon } from '../ui/icon.js';

interface ControlTileProps {
  icon: IconNode;
  label: string;
  onClick: () => void;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  disabled?: boolean;
  title?: string;
  /** `aria-keyshortcuts`, e.g. "Alt+H". */
  keyshortcuts?: string;
}

export function ControlTile({
  icon,
  label,
  onClick,
  pressed,
  expanded,
  controls,
  disabled = false,
  title,
  keyshortcuts,
}: ControlTileProps) {
  return (
    <button
      type="button"
      class={pressed ? 'control-tile control-tile--active' : 'control-tile'}
      aria-pressed={pressed}
      aria-expanded={expanded}
      aria-controls={controls}
      disabled={disabled}
      title={title}
      aria-keyshortcuts={keyshortcuts}
      onClick={onClick}
    >
      <Icon icon={icon} size={20} />
      <span>{label}</span>
    </button>
  );
}
