/**
 * The SQLite store's index of available agents: per tenant, queue and routing strategy, a sorted array of
 * `routing key \0 agentNo` texts (the order of domain/agent-availability.ts, ties by agentNo). It lives in memory,
 * changed in the same synchronous step as each agent write: the store is the only writer of its file (it holds an
 * exclusive lock), and the index is rebuilt from the agents table whenever a tenant configuration is upserted, as at
 * every start. A disk table would cost four more B-tree pages in every write's WAL commit.
 */
import type { AgentRecord } from '../../domain/agent.js';
import { isAvailable, ROUTING_STRATEGIES, routingKeys, type RoutingStrategy } from '../../domain/agent-availability.js';

const SEPARATOR = '\u0000';

interface Indexed {
  queues: readonly string[];
  keys: Record<RoutingStrategy, string>;
}

export class AvailabilityIndex {
  /** The queues each agent answers, by `tenantId \0 agentNo`. */
  private readonly queuesOf = new Map<string, readonly string[]>();
  /** What each agent is indexed under now, by `tenantId \0 agentNo`. */
  private readonly indexed = new Map<string, Indexed>();
  /** Sorted entries by `tenantId \0 queueNo \0 strategy`. */
  private readonly orders = new Map<string, string[]>();

  /** Sets the queues of a tenant's agents (those not named answer none); re-index them with `update` afterwards. */
  setQueues(tenantId: string, queuesByAgent: ReadonlyMap<string, readonly string[]>): void {
    const prefix = tenantId + SEPARATOR;
    for (const agentKey of [...this.queuesOf.keys()]) if (agentKey.startsWith(prefix)) this.queuesOf.delete(agentKey);
    for (const [agentNo, queues] of queuesByAgent) this.queuesOf.set(prefix + agentNo, queues);
  }

  /** Moves the agent between the orders after a write of its record. */
  update(record: AgentRecord): void {
    const agentKey = record.tenantId + SEPARATOR + record.agentNo;
    const previous = this.indexed.get(agentKey);
    if (previous) {
      this.indexed.delete(agentKey);
      this.each(record, previous, (order, entry) => remove(order, entry));
    }
    const queues = this.queuesOf.get(agentKey);
    if (!queues || queues.length === 0 || !isAvailable(record)) return;
    const now = { queues, keys: routingKeys(record) };
    this.indexed.set(agentKey, now);
    this.each(record, now, (order, entry) => insert(order, entry));
  }

  /** The agentNos of the first `limit` available agents of the queue, in the strategy's order. */
  first(tenantId: string, queueNo: string, strategy: RoutingStrategy, limit: number): string[] {
    const order = this.orders.get(orderKey(tenantId, queueNo, strategy)) ?? [];
    return order.slice(0, limit).map((entry) => entry.slice(entry.lastIndexOf(SEPARATOR) + 1));
  }

  private each(record: AgentRecord, indexed: Indexed, change: (order: string[], entry: string) => void): void {
    for (const queueNo of indexed.queues) {
      for (const strategy of ROUTING_STRATEGIES) {
        const key = orderKey(record.tenantId, queueNo, strategy);
        let order = this.orders.get(key);
        if (!order) this.orders.set(key, (order = []));
        change(order, indexed.keys[strategy] + SEPARATOR + record.agentNo);
      }
    }
  }
}

const orderKey = (tenantId: string, queueNo: string, strategy: RoutingStrategy) => tenantId + SEPARATOR + queueNo + SEPARATOR + strategy;

/** Where `entry` is, or would go, in the sorted `order` (binary search). */
function position(order: string[], entry: string): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order[middle]! < entry) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insert(order: string[], entry: string): void {
  order.splice(position(order, entry), 0, entry);
}

function remove(order: string[], entry: string): void {
  const at = position(order, entry);
  if (order[at] === entry) order.splice(at, 1);
}
