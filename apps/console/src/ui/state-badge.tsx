/** A coloured dot and label for an agent state; the colour is never the only signal (the label says it). */
import type { StateTone } from '../format/agent-states.js';

interface StateBadgeProps {
  tone: StateTone;
  label: string;
  detail?: string;
}

export function StateBadge({ tone, label, detail }: StateBadgeProps) {
  return (
    <span class={`state-badge state-badge--${tone}`}>
      <span class="state-badge__dot" aria-hidden="true" />
      <span class="state-badge__label">{label}</span>
      {detail && <span class="state-badge__detail">{detail}</span>}
    </span>
  );
}
