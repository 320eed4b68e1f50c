/**
 * Agents in Redis: each agent is a hash {record, version}, listed per tenant. Every write moves the agent between
 * the availability indexes in the same Lua script (scripts/agent-availability-lua.ts), so the router reads the first
 * few agents of a queue instead of every agent. Queue membership comes from the tenant configuration.
 */
import type { Redis } from 'ioredis';
import type { AgentRecord } from '../../domain/agent.js';
import { answeredQueues, isAvailable, ROUTING_STRATEGIES, routingKeys, type RoutingStrategy } from '../../domain/agent-availability.js';
import type { TenantConfig } from '../../domain/tenant.js';
import type { AgentStore } from '../../ports/store.js';
import { compareAndSetAgent } from './scripts/compare-and-set-agent-6.js';
import { reindexAgent } from './scripts/reindex-agent-5.js';

function agentKeys(prefix: string) {
  return {
    agent: (tenantId: string, agentNo: string) => `${prefix}agent:${tenantId}:${agentNo}`,
    agents: (tenantId: string) => `${prefix}agents:${tenantId}`,
    queues: (tenantId: string, agentNo: string) => `${prefix}agent-queues:${tenantId}:${agentNo}`,
    available: (tenantId: string, strategy: RoutingStrategy) => `${prefix}available:${tenantId}:${strategy}`,
  };
}

const parse = (json: string) => JSON.parse(json) as AgentRecord;

/** What the scripts need to index a record: '1' when available, and its routing keys in ROUTING_STRATEGIES order. */
function indexArguments(record: AgentRecord): string[] {
  const keys = routingKeys(record);
  return [isAvailable(record) ? '1' : '0', ...ROUTING_STRATEGIES.map((strategy) => keys[strategy])];
}

export interface RedisAgentStore extends AgentStore {
  /** Takes the tenant's queue membership, and re-indexes its stored agents by it. */
  indexTenant(config: TenantConfig): Promise<void>;
}

export function redisAgentStore(redis: Redis, prefix: string): RedisAgentStore {
  const keys = agentKeys(prefix);
  const indexKeys = (tenantId: string) => ROUTING_STRATEGIES.map((strategy) => keys.available(tenantId, strategy));

  async function records(tenantId: string, agentNos: string[]): Promise<AgentRecord[]> {
    if (agentNos.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const agentNo of agentNos) pipeline.hget(keys.agent(tenantId, agentNo), 'record');
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, json]) => {
      if (error) throw error;
      return typeof json === 'string' ? [parse(json)] : [];
    });
  }

  async function get(tenantId: string, agentNo: string) {
    const [json, version] = await redis.hmget(keys.agent(tenantId, agentNo), 'record', 'version');
    return json == null || version == null ? undefined : { value: parse(json), version: Number(version) };
  }

  return {
    get,
    async compareAndSet(record, expectedVersion) {
      const { tenantId, agentNo } = record;
      const written = await compareAndSetAgent.run(
        redis,
        [keys.agent(tenantId, agentNo), keys.agents(tenantId), keys.queues(tenantId, agentNo), ...indexKeys(tenantId)],
        [expectedVersion, JSON.stringify(record), agentNo, ...indexArguments(record)],
      );
      return written !== 0;
    },
    async list(tenantId) {
      return records(tenantId, await redis.zrange(keys.agents(tenantId), 0, -1));
    },
    async listAvailable(tenantId, queueNo, strategy, limit) {
      const members = await redis.zrangebylex(
        keys.available(tenantId, strategy),
        `[${queueNo}\u0000`,
        `(${queueNo}\u0001`,
        'LIMIT',
        0,
        limit,
      );
      return records(
        tenantId,
        members.map((member) => member.slice(member.lastIndexOf('\u0000') + 1)),
      );
    },
    async indexTenant(config) {
      const { tenantId } = config;
      const stored = await redis.zrange(keys.agents(tenantId), 0, -1);
      const queuesOf = new Map<string, string[]>(stored.map((agentNo) => [agentNo, []]));
      for (const agent of config.agents) queuesOf.set(agent.agentNo, answeredQueues(agent));
      const pipeline = redis.pipeline();
      for (const [agentNo, queues] of queuesOf) {
        pipeline.del(keys.queues(tenantId, agentNo));
        if (queues.length > 0) pipeline.sadd(keys.queues(tenantId, agentNo), ...queues);
      }
      await pipeline.exec();
      for (const agentNo of stored) {
        const current = await get(tenantId, agentNo);
        if (!current) continue;
        await reindexAgent.run(
          redis,
          [keys.agent(tenantId, agentNo), keys.queues(tenantId, agentNo), ...indexKeys(tenantId)],
          [current.version, agentNo, ...indexArguments(current.value)],
        );
      }
    },
  };
}
