/** The agent desktop: the phone (call, dialer, wrap-up), the interaction details, recent calls and the event log. */
import { useState } from 'preact/hooks';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { deskStore } from '../state/desk-state.js';
import { useStore } from '../state/store.js';
import { EventLogPanel } from './event-log-panel.js';
import { IncomingCallBanner } from './incoming-call-banner.js';
import { InteractionPanel } from './interaction-panel.js';
import { PhonePanel } from './phone-panel.js';
import { PreviewTaskPanel } from './preview-task-panel.js';
import { RecentCallsPanel } from './recent-calls-panel.js';
import { SupervisorNotice } from './supervisor-notice.js';

export function AgentDesktop({ session }: { session: SignedInSession }) {
  const desk = useStore(deskStore);
  const [logOpen, setLogOpen] = useState(true);
  return (
    <>
      {desk.supervisorNotice && <SupervisorNotice notice={desk.supervisorNotice} />}
      {desk.offer && <IncomingCallBanner offer={desk.offer} session={session} />}
      <main id="main" class={logOpen ? 'desk' : 'desk desk--log-collapsed'}>
        <div class="desk__phone">
          <PhonePanel desk={desk} session={session} />
        </div>
        <div class="desk__main">
          <InteractionPanel desk={desk} session={session} />
          <PreviewTaskPanel />
          <RecentCallsPanel session={session} endedCount={desk.endedCount} />
        </div>
        <EventLogPanel open={logOpen} onToggle={() => setLogOpen((open) => !open)} />
      </main>
    </>
  );
}
