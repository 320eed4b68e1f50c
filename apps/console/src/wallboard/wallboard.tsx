/** The supervisor wallboard: queues and their waiting callers, outbound campaigns, agents and their states, live; per-agent actions. */
import type { SignedInSession } from '../shell/signed-in-session.js';
import { deskStore } from '../state/desk-state.js';
import { useStore } from '../state/store.js';
import { useNow } from '../hooks/use-now.js';
import { AgentTable } from './agent-table.js';
import { CampaignBoard } from './campaign-board.js';
import { KpiTiles } from './kpi-tiles.js';
import { MonitoringBar } from './monitoring-bar.js';
import { QueueCards } from './queue-cards.js';
import { QueueStatusNotice } from './queue-status-notice.js';
import { useQueueStatus } from './use-queue-status.js';
import { useCampaigns } from './use-campaigns.js';
import { buildWallboard } from './wallboard-model.js';

export function Wallboard({ session }: { session: SignedInSession }) {
  const feed = useQueueStatus();
  const campaigns = useCampaigns();
  const desk = useStore(deskStore);
  const now = useNow();
  const model = buildWallboard(session.directory, feed.state === 'live' ? feed.map : undefined, now, session.agentNo);
  return (
    <main id="main" class="wallboard">
      <header class="page-header">
        <div class="page-header__text">
          <h1 class="page-header__title">Wallboard</h1>
          <p class="page-header__subtitle">{session.directory?.name ?? session.tenantId}</p>
          {feed.state !== 'failed' && <QueueStatusNotice feed={feed} connected={desk.connection.state === 'open'} />}
        </div>
        <KpiTiles totals={model.totals} />
      </header>
      {feed.state === 'failed' && <QueueStatusNotice feed={feed} connected={desk.connection.state === 'open'} />}
      {desk.monitor && <MonitoringBar monitor={desk.monitor} session={session} />}
      <QueueCards queues={model.queues} now={now} />
      <CampaignBoard campaigns={campaigns} now={now} />
      <AgentTable agents={model.agents} live={feed.state === 'live'} session={session} now={now} />
    </main>
  );
}
