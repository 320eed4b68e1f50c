/** The headline numbers in the wallboard's header: callers waiting, the longest wait, agents idle, on calls, signed in. */
import { formatDuration } from '../format/durations.js';
import type { WallboardTotals } from './wallboard-model.js';

interface Stat {
  label: string;
  value: string;
  tone?: 'warning' | 'success' | 'info';
}

const UNKNOWN = '—';

export function KpiTiles({ totals }: { totals: WallboardTotals }) {
  const stats: Stat[] = [
    {
      label: 'Waiting',
      value: totals.waiting === undefined ? UNKNOWN : String(totals.waiting),
      ...((totals.waiting ?? 0) > 0 ? { tone: 'warning' as const } : {}),
    },
    { label: 'Longest wait', value: totals.longestWaitMs === undefined ? UNKNOWN : formatDuration(totals.longestWaitMs) },
    { label: 'Available', value: totals.available === undefined ? UNKNOWN : String(totals.available), tone: 'success' },
    { label: 'On calls', value: totals.onCalls === undefined ? UNKNOWN : String(totals.onCalls), tone: 'info' },
    { label: 'Signed in', value: totals.signedIn === undefined ? UNKNOWN : String(totals.signedIn) },
  ];
  return (
    <dl class="kpis" aria-label="Summary">
      {stats.map((stat) => (
        <div key={stat.label} class={stat.tone ? `kpi kpi--${stat.tone}` : 'kpi'}>
          <dt class="kpi__label">{stat.label}</dt>
          <dd class="kpi__value tabular">{stat.value}</dd>
        </div>
      ))}
    </dl>
  );
}
