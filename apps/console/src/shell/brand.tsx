/** The product mark and name. */
import { Headset } from 'lucide';
import { Icon } from '../ui/icon.js';

export function Brand({ subtitle }: { subtitle?: string }) {
  return (
    <div class="brand">
      <span class="brand__mark" aria-hidden="true">
        <Icon icon={Headset} size={18} />
      </span>
      <span class="brand__name">Agent Console</span>
      {subtitle && <span class="brand__subtitle">{subtitle}</span>}
    </div>
  );
}
