/** Where the wallboard's data comes from right now: live, not served yet by this gateway, or failing. */
import { formatClockTime } from '../format/durations.js';
import type { QueueStatusFeed } from './use-queue-status.js';

export function QueueStatusNotice({ feed }: { feed: QueueStatusFeed }) {
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
    case 'unavailable':
      return (
        <div class="callout callout--info callout--compact" role="status">
          <strong>Live queue status is not available on this gateway yet.</strong> Showing the tenant directory; retrying every 3 s
          (last check {formatClockTime(feed.checkedAt)}). Gateway: “{feed.message}”.
        </div>
      );
    case 'failed':
      return (
        <div class="callout callout--error callout--compact" role="status">
          <strong>Live queue status failed.</strong> {feed.message} Retrying…
        </div>
      );
  }
}
