/**
 * One card per queue: callers waiting and the longest wait (large), today's figures, and the callers in line.
 * Live figures come from getQueueStatus (queueParams, queueEntries).
 */
import { formatDuration } from '../format/durations.js';
import type { QueueRow } from './wallboard-model.js';

const UNKNOWN = '—';
const SHOWN_CALLERS = 3;

export function QueueCards({ queues, now }: { queues: QueueRow[]; now: number }) {
  return (
    <section class="queues" aria-labelledby="queues-title">
      <h2 id="queues-title" class="section-heading">
        Queues
      </h2>
      <ul class="queue-cards">
        {queues.map((queue) => (
          <QueueCard key={queue.queueNo} queue={queue} now={now} />
        ))}
      </ul>
    </section>
  );
}

function QueueCard({ queue, now }: { queue: QueueRow; now: number }) {
  const waiting = queue.waiting ?? 0;
  const params = queue.params;
  const stats = [
    { label: 'Idle', value: params?.idleCount },
    { label: 'Signed in', value: params?.availableCount },
    { label: 'Handled', value: params?.completed },
    { label: 'Abandoned', value: params?.abandoned },
  ];
  return (
    <li class={waiting > 0 ? 'queue-card queue-card--waiting' : 'queue-card'} aria-labelledby={`queue-${queue.queueNo}-name`}>
      <header class="queue-card__header">
        <h3 id={`queue-${queue.queueNo}-name`} class="queue-card__name">
          {queue.name}
        </h3>
        <span class="queue-card__number">Queue {queue.queueNo}</span>
        {params && (
          <span class="queue-card__sl" title={`Answered within ${params.serviceLevel} s today`}>
            SL {params.serviceLevelPerf}%
          </span>
        )}
      </header>
      <div class="queue-card__figures">
        <div>
          <span class="queue-card__big tabular">{queue.waiting === undefined ? UNKNOWN : waiting}</span>
          <span class="queue-card__caption">waiting</span>
        </div>
        <div>
          <span class="queue-card__big tabular">{queue.longestWaitMs === undefined ? UNKNOWN : formatDuration(queue.longestWaitMs)}</span>
          <span class="queue-card__caption">longest wait</span>
        </div>
      </div>
      <dl class="queue-card__stats">
        {stats.map((stat) => (
          <div key={stat.label}>
            <dt>{stat.label}</dt>
            <dd class="tabular">{stat.value ?? UNKNOWN}</dd>
          </div>
        ))}
      </dl>
      {queue.entries.length > 0 && (
        <ol class="queue-card__callers" aria-label={`Callers waiting in ${queue.name}`}>
          {queue.entries.slice(0, SHOWN_CALLERS).map((entry) => (
            <li key={entry.uniqueId}>
              <span class="tabular">{entry.customerNumber}</span>
              <span class="tabular muted">{formatDuration(entry.joinTime > 0 ? now - entry.joinTime : entry.waitTime * 1000)}</span>
            </li>
          ))}
          {queue.entries.length > SHOWN_CALLERS && <li class="muted">+{queue.entries.length - SHOWN_CALLERS} more</li>}
        </ol>
      )}
    </li>
  );
}
