/** Where the wallboard's data comes from right now: loading, live, or failing. */
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
    case 'failed':
      return (
        <div class="callout callout--error callout--compact" role="status">
          <strong>Live queue status failed.</strong> {feed.message} Retrying…
        </div>
      );
  }
}
