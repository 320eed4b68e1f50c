/**
 * The browser softphone beside the connection: its registration (softphoneState; calls ring only once registered),
 * and during a call whether audio arrives, so a call without media never shows a green "Softphone ready".
 */
import { Headset } from 'lucide';
import { useNow } from '../hooks/use-now.js';
import { describeSoftphoneReason } from '../sdk/refusal-messages.js';
import { mediaHealth } from '../state/media-health.js';
import type { MediaView } from '../state/desk-model.js';
import { Icon } from '../ui/icon.js';

const LABELS: Record<string, string> = {
  off: 'Softphone off',
  loading: 'Softphone loading…',
  registering: 'Softphone registering…',
  registered: 'Softphone ready',
  failed: 'Softphone failed',
};

interface SoftphoneIndicatorProps {
  softphone: { state: string; reason?: string } | undefined;
  media: MediaView | undefined;
  held: boolean;
}

export function SoftphoneIndicator({ softphone, media, held }: SoftphoneIndicatorProps) {
  const now = useNow(1000);
  const state = softphone?.state ?? 'loading';
  const noAudio = media !== undefined && mediaHealth(media, held, now).state === 'silent';
  const tone = noAudio ? 'closed' : state === 'registered' ? 'open' : state === 'failed' || state === 'off' ? 'closed' : 'connecting';
  const label = noAudio ? 'Softphone: no audio' : (LABELS[state] ?? `Softphone ${state}`);
  const reason = softphone?.reason === undefined ? undefined : describeSoftphoneReason(softphone.reason);
  const title = noAudio
    ? 'No audio reaches this call: see the call card'
    : reason && [reason.text, reason.details].filter(Boolean).join('\n');
  return (
    <span class={`connection connection--${tone}`} role="status" title={title}>
      <Icon icon={Headset} size={16} />
      <span class="top-bar__label">{label}</span>
    </span>
  );
}
