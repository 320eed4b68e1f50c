/** Colleagues' live state for pickers, refreshed every few seconds while the picker is on screen. */
import type { AgentPresence } from '@agentsdk/protocol';
import { useState } from 'preact/hooks';
import { fetchAgentPresence } from '../api/agent-presence.js';
import { usePolling } from '../hooks/use-polling.js';
import type { SignedInSession } from '../shell/signed-in-session.js';

const REFRESH_MS = 3_000;

/** By agent number; undefined until known (or when the console has no tenant API access). */
export function useColleaguePresence(session: SignedInSession, enabled = true): ReadonlyMap<string, AgentPresence> | undefined {
  const [presence, setPresence] = useState<ReadonlyMap<string, AgentPresence>>();
  const access = session.apiAccess;
  usePolling(
    async () => {
      if (!access) return;
      const agents = await fetchAgentPresence(access);
      setPresence(new Map(agents.map((agent) => [agent.agentNo, agent])));
    },
    REFRESH_MS,
    enabled && access !== undefined,
  );
  return presence;
}
