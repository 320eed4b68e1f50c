/** The browser softphone's registration (softphoneState), beside the connection: calls ring only once registered. */
import { Headset } from 'lucide';
import { describeSoftphoneReason } from '../sdk/refusal-messages.js';
import { Icon } from '../ui/icon.js';

const LABELS: Record<string, string> = {
  off: 'Softphone off',
  loading: 'Softphone loading…',
  registering: 'Softphone registering…',
  registered: 'Softphone ready',
  failed: 'Softphone failed',
};

export function SoftphoneIndicator({ softphone }: { softphone: { state: string; reason?: string } | undefined }) {
  const state = softphone?.state ?? 'loading';
  const tone = state === 'registered' ? 'open' : state === 'failed' || state === 'off' ? 'closed' : 'connecting';
  return (
    <span class={`connection connection--${tone}`} role="status" title={softphone?.reason === undefined ? undefined : describeSoftphoneReason(softphone.reason)}>
      <Icon icon={Headset} size={16} />
      <span class="top-bar__label">{LABELS[state] ?? `Softphone ${state}`}</span>
    </span>
  );
}
