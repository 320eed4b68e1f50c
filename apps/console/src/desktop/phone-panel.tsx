/** The phone column: the call in progress, preview dialling, a ringing phone, wrap-up, or the dialer. */
import type { SignedInSession } from '../shell/signed-in-session.js';
import type { DeskState } from '../state/desk-state.js';
import { CallPanel } from '../in-call/call-panel.js';
import { Dialer } from '../dialer/dialer.js';
import { MonitoringBar } from '../wallboard/monitoring-bar.js';
import { PreviewPanel } from '../dialer/preview-panel.js';
import { RingingCard } from './ringing-card.js';
import { WrapupCard } from './wrapup-card.js';
import { OutboundResultCard } from '../dialer/outbound-result-card.js';

export function PhonePanel({ desk, session }: { desk: DeskState; session: SignedInSession }) {
  if (desk.monitor) return <MonitoringBar monitor={desk.monitor} session={session} />;
  if (desk.call) return <CallPanel call={desk.call} desk={desk} session={session} />;
  if (desk.preview) return <PreviewPanel preview={desk.preview} agentState={desk.agent?.state} />;
  if (desk.offer || desk.agent?.state === 'ringing') return <RingingCard session={session} />;
  const signedIn = desk.agent !== undefined && desk.agent.state !== 'offline';
  const canDial = signedIn && desk.connection.state === 'open';
  return (
    <div class="stack">
      {desk.agent?.state === 'wrapup' && <WrapupCard agent={desk.agent} lastEnded={desk.lastEnded} session={session} />}
      {desk.outboundResult && <OutboundResultCard result={desk.outboundResult} session={session} disabled={!canDial} />}
      <Dialer session={session} disabled={!canDial} />
    </div>
  );
}
