/**
 * Pushes `queueStatus` to signed-in supervisors when an agent or a call of a queue they watch changes, without them
 * polling. At most one push per tenant every `intervalMs`, so each supervisor gets at most one in that time: the
 * first change after a quiet interval is pushed at once, later ones together when the interval is over. Pushes go
 * through the bus to the supervisor's agent channel, so they reach its session on whichever node holds it.
 */
import { EventType, QUEUE_STATUS_SECTIONS, type EventPayload, type QueueStatusMap } from '@agentsdk/protocol';
import type { AgentRecord } from '../domain/agent.js';
import type { CallRecord } from '../domain/call.js';
import { findAgent } from '../domain/tenant.js';
import { agentChannel, type Bus } from '../ports/bus.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { Logger } from '../ports/logger.js';
import { loadQueueStatus } from './queue-status-loader.js';
import { watchedQueueNos } from './supervisor-scope.js';
import type { TenantDirectory } from './tenant-directory.js';

export interface QueueStatusFeedOptions {
  store: Store;
  bus: Bus;
  clock: Clock;
  tenants: TenantDirectory;
  logger: Logger;
  intervalMs: number;
}

interface TenantFeed {
  /** Queues changed since the last push. */
  changed: Set<string>;
  lastPushAt?: number;
  timer?: TimerHandle;
  /** Pushes of a tenant run one after another, so an older snapshot never follows a newer one. */
  pushing: Promise<void>;
}

export class QueueStatusFeed {
  private readonly feeds = new Map<string, TenantFeed>();
  private stopped = false;

  constructor(private readonly options: QueueStatusFeedOptions) {}

  /** An agent's status was published. */
  agentChanged(record: AgentRecord): void {
    const tenant = this.options.tenants.get(record.tenantId);
    const agent = tenant && findAgent(tenant, record.agentNo);
    if (agent?.role === 'agent') this.queuesChanged(record.tenantId, agent.queues);
  }

  /** A call's change was applied. */
  callChanged(call: CallRecord): void {
    if (call.queueNo !== undefined) this.queuesChanged(call.tenantId, [call.queueNo]);
  }

  /** Cancels pending pushes and waits for running ones (gateway shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const feed of this.feeds.values()) feed.timer?.cancel();
    await Promise.all([...this.feeds.values()].map((feed) => feed.pushing));
  }

  private queuesChanged(tenantId: string, queueNos: readonly string[]): void {
    if (this.stopped || queueNos.length === 0) return;
    const feed = this.feedOf(tenantId);
    for (const queueNo of queueNos) feed.changed.add(queueNo);
    if (feed.timer) return;
    const wait = feed.lastPushAt === undefined ? 0 : feed.lastPushAt + this.options.intervalMs - this.options.clock.now();
    if (wait <= 0) {
      this.push(tenantId, feed);
      return;
    }
    feed.timer = this.options.clock.schedule(wait, () => {
      delete feed.timer;
      if (!this.stopped) this.push(tenantId, feed);
    });
  }

  private feedOf(tenantId: string): TenantFeed {
    let feed = this.feeds.get(tenantId);
    if (!feed) this.feeds.set(tenantId, (feed = { changed: new Set(), pushing: Promise.resolve() }));
    return feed;
  }

  private push(tenantId: string, feed: TenantFeed): void {
    feed.lastPushAt = this.options.clock.now();
    const changed = feed.changed;
    feed.changed = new Set();
    feed.pushing = feed.pushing
      .then(() => this.pushToSupervisors(tenantId, changed))
      .catch((error: unknown) => this.options.logger.error({ err: error, tenantId }, 'queue status push failed'));
  }

  private async pushToSupervisors(tenantId: string, changed: ReadonlySet<string>): Promise<void> {
    const { store, bus, tenants } = this.options;
    const tenant = tenants.get(tenantId);
    if (!tenant) return;
    const supervisors = tenant.agents.filter((agent) => agent.role === 'supervisor');
    const records = await Promise.all(supervisors.map(async (agent) => (await store.agents.get(tenantId, agent.agentNo))?.value));
    const audience = records
      .filter((record): record is AgentRecord => record?.sessionId !== undefined)
      .map((record) => ({ agentNo: record.agentNo, queueNos: watchedQueueNos(tenant, record) }))
      .filter((supervisor) => supervisor.queueNos.some((queueNo) => changed.has(queueNo)));
    if (audience.length === 0) return;

    const everyWatchedQueue = [...new Set(audience.flatMap((supervisor) => supervisor.queueNos))];
    const status = await loadQueueStatus(this.options, tenant, everyWatchedQueue, QUEUE_STATUS_SECTIONS);
    for (const supervisor of audience) {
      const data = {
        eventType: EventType.QUEUE_STATUS,
        action: EventType.QUEUE_STATUS,
        code: 0,
        message: 'ok',
        queueStatus: pick(status, supervisor.queueNos),
      } satisfies EventPayload<'queueStatus'>;
      await bus.publish(agentChannel(tenantId, supervisor.agentNo), { kind: 'event', event: EventType.QUEUE_STATUS, data });
    }
  }
}

function pick(status: QueueStatusMap, queueNos: readonly string[]): QueueStatusMap {
  return Object.fromEntries(queueNos.filter((queueNo) => status[queueNo] !== undefined).map((queueNo) => [queueNo, status[queueNo]!]));
}
