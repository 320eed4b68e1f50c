/** The desk's header: who is signed in, the agent's status, the connection, the simulator and sign-out. */
import { EndpointType } from '@agentsdk/protocol';
import { FlaskConical, LayoutDashboard, LogOut, Phone } from 'lucide';
import { describeEndpoint } from '../format/endpoints.js';
import { deskStore } from '../state/desk-state.js';
import { useStore } from '../state/store.js';
import { Icon } from '../ui/icon.js';
import { AgentStatusControl } from './agent-status-control.js';
import { Brand } from './brand.js';
import { ConnectionIndicator } from './connection-indicator.js';
import { SoftphoneIndicator } from './softphone-indicator.js';
import { initialsOf, type SignedInSession } from './signed-in-session.js';
import { SignOutButton } from './sign-out-button.js';

export type ConsoleView = 'desktop' | 'wallboard';

interface TopBarProps {
  session: SignedInSession;
  view: ConsoleView;
  onViewChange: (view: ConsoleView) => void;
  simulatorAvailable: boolean;
  simulatorOpen: boolean;
  onToggleSimulator: () => void;
  onSignedOut: () => void;
}

export function TopBar({ session, view, onViewChange, simulatorAvailable, simulatorOpen, onToggleSimulator, onSignedOut }: TopBarProps) {
  const desk = useStore(deskStore);
  const endpoint = desk.agent?.bindEndpoint ?? session.bindEndpoint;
  return (
    <header class="top-bar">
      <Brand />
      <div class="top-bar__identity">
        <span class="avatar" aria-hidden="true">
          {initialsOf(session.name)}
        </span>
        <div class="top-bar__who">
          <span class="top-bar__name">{session.name}</span>
          <span class="top-bar__meta">
            {session.role === 'supervisor' ? 'Supervisor' : 'Agent'} {session.agentNo} · {describeEndpoint(endpoint)}
          </span>
        </div>
      </div>
      {session.role === 'supervisor' && (
        <nav class="view-switch" aria-label="Views">
          <button
            type="button"
            class="view-switch__item"
            aria-current={view === 'wallboard' ? 'page' : undefined}
            onClick={() => onViewChange('wallboard')}
          >
            <Icon icon={LayoutDashboard} size={16} />
            Wallboard
          </button>
          <button
            type="button"
            class="view-switch__item"
            aria-current={view === 'desktop' ? 'page' : undefined}
            onClick={() => onViewChange('desktop')}
          >
            <Icon icon={Phone} size={16} />
            My phone
          </button>
        </nav>
      )}
      <div class="top-bar__spacer" />
      <AgentStatusControl
        agent={desk.agent}
        stateEnteredAt={desk.stateEnteredAt}
        directory={session.directory}
        inCall={desk.call !== undefined || desk.offer !== undefined}
        online={desk.connection.state === 'open'}
      />
      <ConnectionIndicator connection={desk.connection} />
      {endpoint.endpointType === EndpointType.SOFTPHONE && (
        <SoftphoneIndicator softphone={desk.softphone} media={desk.media} held={desk.call?.held ?? false} />
      )}
      {simulatorAvailable && (
        <button
          type="button"
          class="top-bar__button"
          aria-pressed={simulatorOpen}
          aria-controls="simulator-drawer"
          onClick={onToggleSimulator}
        >
          <Icon icon={FlaskConical} size={16} />
          <span class="top-bar__label">Simulator</span>
        </button>
      )}
      <SignOutButton onSignedOut={onSignedOut}>
        <Icon icon={LogOut} size={16} />
        <span class="top-bar__label">Sign out</span>
      </SignOutButton>
    </header>
  );
}
