/**
 * Outbound campaigns on the wallboard: per task, how far it has got (dialled of total, remaining), its pace (attempts
 * per minute over the last 5 minutes) and its abandon rate (a predictive task's as the gateway's pacing measures it,
 * else abandoned of answered numbers), live from the dialer's events. Hidden until the first campaign event arrives.
 */
import type { CampaignRow } from './use-campaigns.js';

const PACE_WINDOW_MS = 5 * 60_000;

function abandonRate({ progress, measuredAbandonRate }: CampaignRow): string {
  if (measuredAbandonRate !== undefined) return `${(measuredAbandonRate * 100).toFixed(1)}%`;
  const abandoned = progress.outcomes.abandoned ?? 0;
  const answered = (progress.outcomes.answered ?? 0) + abandoned;
  return answered === 0 ? '—' : `${((abandoned / answered) * 100).toFixed(1)}%`;
}

function pace(row: CampaignRow, now: number): string {
  const recent = row.attemptsAt.filter((at) => at > now - PACE_WINDOW_MS).length;
  return `${(recent / (PACE_WINDOW_MS / 60_000)).toFixed(1)}/min`;
}

export function CampaignBoard({ campaigns, now }: { campaigns: CampaignRow[]; now: number }) {
  if (campaigns.length === 0) return null;
  return (
    <section class="queues" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title" class="section-heading">
        Campaigns
      </h2>
      <ul class="queue-cards">
        {campaigns.map((row) => (
          <CampaignCard key={row.taskId} row={row} now={now} />
        ))}
      </ul>
    </section>
  );
}

function CampaignCard({ row, now }: { row: CampaignRow; now: number }) {
  const { progress } = row;
  const state = row.finished ? 'Finished' : row.paused ? 'Paused' : 'Running';
  const stats = [
    { label: 'Remaining', value: String(progress.remaining) },
    { label: 'Answered', value: String(progress.outcomes.answered ?? 0) },
    { label: 'Pace', value: pace(row, now) },
    { label: 'Abandon rate', value: abandonRate(row) },
  ];
  return (
    <li class="queue-card" aria-labelledby={`campaign-${row.taskId}-name`}>
      <header class="queue-card__header">
        <h3 id={`campaign-${row.taskId}-name`} class="queue-card__name">
          {row.name}
        </h3>
        <span class="queue-card__number">{row.mode}</span>
        <span class="queue-card__sl">{state}</span>
      </header>
      <div class="queue-card__figures">
        <div>
          <span class="queue-card__big tabular">
            {progress.dialled} / {progress.total}
          </span>
          <span class="queue-card__caption">dialled</span>
        </div>
        <progress max={Math.max(1, progress.total)} value={progress.total - progress.remaining} aria-label={`${row.name} done`} />
      </div>
      <dl class="queue-card__stats">
        {stats.map((stat) => (
          <div key={stat.label}>
            <dt>{stat.label}</dt>
            <dd class="tabular">{stat.value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
