/**
 * Where the wallboard's data comes from right now: loading, live, failing, or stale. While the SDK is not connected
 * the figures are the last ones received: the badge says so, with their time, instead of a green "Live".
 */
import { formatClockTime } from '../format/durations.js';
import type { QueueStatusFeed } from './use-queue-status.js';

export function QueueStatusNotice({ feed, connected }: { feed: QueueStatusFeed; connected: boolean }) {
  if (!connected && feed.state !== 'failed') {
    const lastUpdate = feed.state === 'live' ? ` · last update ${formatClockTime(feed.updatedAt)}` : '';
    return (
      <p class="live-indicator live-indicator--stale" role="status">
        <span class="live-indicator__dot" aria-hidden="true" />
        Disconnected{lastUpdate}
      </p>
    );
  }
  switch (feed.state) {
    case 'loading':
      return <p class="live-indicator live-indicator--pending">Loading live status…</p>;
    case 'live':
      return (
        <p class="live-indicator live-indicator--live">
          <span class="live-indicator__dot" aria-hidden="true" />
          Live · updated {formatClockTime(feed.updatedAt)}
        </p>
      );
    case 'failed':
      return (
        <div class="callout callout--error callout--compact" role="status">
          <strong>Live queue status failed.</strong> {feed.message} Retrying…
        </div>
      );
  }
}
