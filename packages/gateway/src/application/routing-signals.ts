/**
 * Where the agent and call services send "a queue has a caller to place" and "an agent can take a call", and where the
 * ACD router and the dialer listen. Built before both sides, so the services are constructed in dependency order.
 */
import type { QueueRouting } from './queue-routing.js';

type QueueListener = (tenantId: string, queueNo: string) => void;
type AgentListener = (tenantId: string, agentNo: string) => void;

export class RoutingSignals implements QueueRouting {
  private readonly queueListeners: QueueListener[] = [];
  private readonly agentListeners: AgentListener[] = [];

  onQueue(listener: QueueListener): void {
    this.queueListeners.push(listener);
  }

  /** Listeners are told in the order they were added: the first to lock the agent wins it. */
  onAgentAvailable(listener: AgentListener): void {
    this.agentListeners.push(listener);
  }

  route(tenantId: string, queueNo: string): void {
    for (const listener of this.queueListeners) listener(tenantId, queueNo);
  }

  agentAvailable(tenantId: string, agentNo: string): void {
    for (const listener of this.agentListeners) listener(tenantId, agentNo);
  }
}
