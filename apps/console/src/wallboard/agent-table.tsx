/** Agents of the tenant: state and time in state (live), their queues, and the supervisor's actions on each. */
import { queueName } from '../api/demo-directory.js';
import { describePresence } from '../format/agent-states.js';
import { formatDuration } from '../format/durations.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Panel } from '../ui/panel.js';
import { StateBadge } from '../ui/state-badge.js';
import { AgentActions } from './agent-actions.js';
import type { AgentRow } from './wallboard-model.js';

interface AgentTableProps {
  agents: AgentRow[];
  live: boolean;
  session: SignedInSession;
  now: number;
}

export function AgentTable({ agents, live, session, now }: AgentTableProps) {
  return (
    <Panel title="Agents" titleId="agents-title" class="wallboard__agents" actions={<span class="muted">{agents.length} agents</span>}>
      <div class="table-scroll">
        <table class="table table--agents table--cards" aria-labelledby="agents-title">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Queues</th>
              <th scope="col">State</th>
              <th scope="col" class="table__number">
                In state
              </th>
              <th scope="col" class="table__actions">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.agentNo}>
                <th scope="row" class="table__wide">
                  <span class="agent-cell">
                    <span class="avatar avatar--small" aria-hidden="true">
                      {agent.name
                        .split(/\s+/)
                        .map((word) => word[0])
                        .join('')
                        .slice(0, 2)}
                    </span>
                    <span>
                      <span class="agent-cell__name">{agent.name}</span>
                      <span class="agent-cell__number">{agent.agentNo}</span>
                    </span>
                  </span>
                </th>
                <td class="table__wide" data-label="Queues">
                  <span class="queue-list">
                    {agent.queues.map((queueNo) => queueName(session.directory, queueNo) ?? queueNo).join(', ')}
                  </span>
                </td>
                <td data-label="State">
                  {agent.status ? (
                    <StateBadge {...describePresence(agent.status)} />
                  ) : (
                    <span class="muted">{live ? 'Not in queue' : 'Unknown'}</span>
                  )}
                </td>
                <td class="table__number" data-label="In state">
                  {agent.status && agent.status.state !== 'offline'
                    ? formatDuration(now - (agent.status.detachedSince ?? agent.status.stateSince))
                    : '—'}
                </td>
                <td class="table__actions table__wide">
                  <AgentActions agent={agent} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
