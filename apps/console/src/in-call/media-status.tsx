/**
 * The softphone call's audio, truthfully: whether the media connection (ICE/DTLS) is up and audio arrives, a level
 * meter of the caller's audio, and the call quality (MOS, loss, jitter) from `webrtcStats` once audio has arrived.
 * After 5 s without audio, a warning says what to check.
 */
import { formatDuration } from '../format/durations.js';
import { useNow } from '../hooks/use-now.js';
import { mediaHealth, type MediaHealth } from '../state/media-health.js';
import type { MediaView } from '../state/desk-model.js';

const CONNECTION_LABELS: Record<string, string> = {
  new: 'Media starting',
  connecting: 'Media connecting (ICE)',
  connected: 'Media connected',
  disconnected: 'Media interrupted',
  failed: 'Media connection failed',
  closed: 'Media closed',
};

function headline(health: MediaHealth, connectionState: string | undefined): string {
  if (health.state === 'held') return 'On hold: no audio expected';
  if (health.state === 'flowing') return 'Audio flowing';
  if (health.state === 'silent') return health.connectionFailed ? 'Media connection failed: no audio' : 'No audio on this call';
  return connectionState === undefined ? 'Connecting audio…' : `${CONNECTION_LABELS[connectionState] ?? connectionState}…`;
}

/** "Good" from MOS 4, "fair" from 3.6, else "poor", as call-quality dashboards grade it. */
function qualityWord(mos: number): string {
  return mos >= 4 ? 'good' : mos >= 3.6 ? 'fair' : 'poor';
}

export function MediaStatus({ media, held }: { media: MediaView; held: boolean }) {
  const now = useNow(500);
  const health = mediaHealth(media, held, now);
  const sample = media.sample;
  const tone = health.state === 'silent' ? 'danger' : health.state === 'flowing' ? 'success' : 'neutral';
  const level = Math.round(Math.min(1, (sample?.audioLevelIn ?? 0) * 2) * 100);
  return (
    <section class={`media-status media-status--${tone}`} aria-label="Call audio">
      <div class="media-status__row">
        <p class="media-status__headline" role="status">
          {headline(health, sample?.connectionState)}
        </p>
        {sample && <span class="media-status__connection">{CONNECTION_LABELS[sample.connectionState] ?? sample.connectionState}</span>}
      </div>
      <div class="media-status__level">
        <span class="media-status__label">Caller audio</span>
        <span
          class="meter media-status__meter"
          role="meter"
          aria-label="Caller audio level"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={level}
        >
          <span class="meter__fill" style={{ width: `${level}%` }} />
        </span>
      </div>
      {/* Without received audio the estimate is meaningless (no loss measured is not no loss). */}
      {sample && media.lastAudioAt !== undefined && (
        <dl class="media-status__quality">
          <div>
            <dt>MOS</dt>
            <dd>
              {sample.mos.toFixed(1)} <span class="muted">{qualityWord(sample.mos)}</span>
            </dd>
          </div>
          <div>
            <dt>Loss</dt>
            <dd>{sample.packetLossPercent}%</dd>
          </div>
          <div>
            <dt>Jitter</dt>
            <dd>{sample.jitter} ms</dd>
          </div>
        </dl>
      )}
      {health.state === 'silent' && (
        <div class="callout callout--error" role="alert">
          <p>
            <strong>No audio has reached you for {formatDuration(health.silentMs)}.</strong> The caller may not hear you either.
          </p>
          <ul class="media-status__checks">
            <li>Your network, VPN or firewall must let WebRTC audio (UDP) through to the gateway.</li>
            <li>The gateway's media address must be reachable from this browser (mediaAddress, STUN).</li>
            <li>Check your headset and speaker; then hang up and call back, or switch to a desk phone.</li>
          </ul>
        </div>
      )}
    </section>
  );
}
