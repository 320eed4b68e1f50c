/**
 * Automatic call distribution: offers a queue's waiting calls, longest waiting first, to available agents of the
 * queue in the order of the queue's strategy, read from the store's availability index (domain/agent-availability.ts).
 * An offer (use-cases/offer-waiting-call.ts) locks the agent, then claims the call, so no call is offered to two agents.
 */
import { CallType } from '@agentsdk/protocol';
import type { AgentRecord } from '../domain/agent.js';
import type { CallRecord } from '../domain/call.js';
import { answersQueue, findAgent, type TenantAgent, type TenantQueue } from '../domain/tenant.js';
import type { Store } from '../ports/store.js';
import type { AgentService } from './agent-service.js';
import type { CallService } from './call-service.js';
import { CoalescedPasses } from './coalesced-passes.js';
import type { Logger } from '../ports/logger.js';
import type { QueueRouting } from './queue-routing.js';
import type { TenantDirectory } from './tenant-directory.js';
import { offerWaitingCall } from './use-cases/offer-waiting-call.js';

const answers = (agent: TenantAgent | undefined, queueNo: string) => agent !== undefined && answersQueue(agent, queueNo);

/** Routing rounds per trigger; each round places at least one call or stops. */
const MAX_ROUNDS = 100;

/**
 * Agents read from the availability index per call, beyond those who declined it: an offer only fails when another
 * pass or node locked the agent first, so a few spare candidates keep the call moving; the next round reads afresh.
 */
const CANDIDATES_PER_CALL = 4;

export class AcdRouter implements QueueRouting {
  /**
   * One routing pass at a time per queue on this node. Triggers during a pass (calls arriving, agents freed) ask for
   * one more pass after it, however many they are: that pass sees all of them.
   */
  private readonly passes = new CoalescedPasses();

  constructor(
    private readonly store: Store,
    private readonly tenants: TenantDirectory,
    private readonly agents: AgentService,
    private readonly calls: CallService,
    private readonly logger: Logger,
  ) {}

  route(tenantId: string, queueNo: string): void {
    this.passes.request(`${tenantId}\u0000${queueNo}`, () =>
      this.routeQueue(tenantId, queueNo).catch((error: unknown) => this.logger.error({ err: error, tenantId, queueNo }, 'routing failed')),
    );
  }

  agentAvailable(tenantId: string, agentNo: string): void {
    const tenant = this.tenants.get(tenantId);
    const agent = tenant && findAgent(tenant, agentNo);
    for (const queueNo of agent?.role === 'agent' ? agent.queues : []) this.route(tenantId, queueNo);
  }

  /** Resolves when every routing pass started so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  private async routeQueue(tenantId: string, queueNo: string): Promise<void> {
    const tenant = this.tenants.get(tenantId);
    const queue = tenant?.queues.find((q) => q.queueNo === queueNo);
    if (!tenant || !queue) return;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const waiting = await this.store.calls.listQueued(tenantId, queueNo);
      let placed = false;
      for (const call of waiting) {
        const candidates = await this.store.agents.listAvailable(
          tenantId,
          queueNo,
          queue.strategy,
          call.declinedBy.length + CANDIDATES_PER_CALL,
        );
        if (candidates.length === 0) return;
        for (const agent of candidates) {
          if (call.declinedBy.includes(agent.agentNo) || !answers(findAgent(tenant, agent.agentNo), queueNo)) continue;
          if (await this.offer(call, agent, queue)) {
            placed = true;
            break;
          }
        }
      }
      if (!placed) return;
    }
  }

  private offer(call: CallRecord, agent: AgentRecord, queue: TenantQueue): Promise<boolean> {
    return offerWaitingCall({ agents: this.agents, calls: this.calls }, call, agent, {
      callType: CallType.INBOUND,
      ringTimeoutMs: queue.ringTimeoutSeconds * 1000,
    });
  }
}
