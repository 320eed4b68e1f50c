/**
 * The console: sign-in until an agent is signed in, then the agent desktop or (supervisors) the wallboard. The
 * simulator drawer is available on every screen of an embedded gateway.
 */
import { useEffect, useState } from 'preact/hooks';
import { fetchDemoDirectory, type DemoDirectory } from '../api/demo-directory.js';
import { AgentDesktop } from '../desktop/agent-desktop.js';
import { SignInScreen } from '../sign-in/sign-in-screen.js';
import { SimulatorDrawer } from '../simulator/simulator-drawer.js';
import { deskStore } from '../state/desk-state.js';
import { useStore } from '../state/store.js';
import { ToastRegion } from '../ui/toast-region.js';
import { Wallboard } from '../wallboard/wallboard.js';
import { ConnectionBanner } from './connection-banner.js';
import type { SignedInSession } from './signed-in-session.js';
import { TopBar, type ConsoleView } from './top-bar.js';

export function App() {
  const [directory, setDirectory] = useState<DemoDirectory | undefined>();
  const [directoryLoaded, setDirectoryLoaded] = useState(false);
  const [session, setSession] = useState<SignedInSession | undefined>();
  const [view, setView] = useState<ConsoleView>('desktop');
  const [notice, setNotice] = useState<string | undefined>();
  const [lastAgentNo, setLastAgentNo] = useState<string | undefined>();
  const [simulatorOpen, setSimulatorOpen] = useState(false);
  const desk = useStore(deskStore);

  useEffect(() => {
    void fetchDemoDirectory().then((found) => {
      setDirectory(found);
      setDirectoryLoaded(true);
    });
  }, []);

  // The gateway ended the session, or the connection closed for good: back to sign-in, saying why.
  useEffect(() => {
    if (session === undefined) return;
    if (desk.sessionEnd) {
      setNotice(desk.sessionEnd.message);
      setSession(undefined);
    } else if (desk.connection.state === 'closed') {
      setNotice(`Disconnected from the gateway${desk.connection.reason ? `: ${desk.connection.reason}` : ''}.`);
      setSession(undefined);
    }
  }, [session, desk.sessionEnd, desk.connection.state, desk.connection.reason]);

  const signedIn = (next: SignedInSession) => {
    setNotice(undefined);
    setLastAgentNo(next.agentNo);
    setView(next.role === 'supervisor' ? 'wallboard' : 'desktop');
    setSession(next);
  };

  const simulator = directory && simulatorOpen && (
    <SimulatorDrawer directory={directory} agentEndpoint={session?.bindEndpoint} onClose={() => setSimulatorOpen(false)} />
  );

  if (session === undefined) {
    return (
      <div class={simulatorOpen && directory ? 'shell shell--drawer-open' : 'shell'}>
        <SignInScreen
          directory={directory}
          directoryLoaded={directoryLoaded}
          notice={notice}
          lastAgentNo={lastAgentNo}
          onSignedIn={signedIn}
          simulatorAvailable={directory !== undefined}
          simulatorOpen={simulatorOpen}
          onToggleSimulator={() => setSimulatorOpen((open) => !open)}
        />
        {simulator}
        <ToastRegion />
      </div>
    );
  }

  return (
    <div class={simulatorOpen && directory ? 'shell shell--drawer-open' : 'shell'}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar
        session={session}
        view={view}
        onViewChange={setView}
        simulatorAvailable={directory !== undefined}
        simulatorOpen={simulatorOpen}
        onToggleSimulator={() => setSimulatorOpen((open) => !open)}
        onSignedOut={() => setSession(undefined)}
      />
      <ConnectionBanner connection={desk.connection} />
      {view === 'wallboard' && session.role === 'supervisor' ? <Wallboard session={session} /> : <AgentDesktop session={session} />}
      {simulator}
      <ToastRegion />
    </div>
  );
}
