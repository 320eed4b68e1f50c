/**
 * Agents in SQLite: each agent is one JSON record with a version. Alongside, in the same transaction as every write,
 * `available_agents` holds one row per queue an available agent answers, with the routing strategies' keys, so the
 * router reads the first few agents of a queue from an index instead of parsing every agent. Queue membership comes
 * from the tenant configuration (`agent_queues`, rewritten with it).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AgentRecord } from '../../domain/agent.js';
import { answeredQueues, isAvailable, routingKeys, type RoutingStrategy } from '../../domain/agent-availability.js';
import type { TenantConfig } from '../../domain/tenant.js';
import type { AgentStore } from '../../ports/store.js';

const ORDER_COLUMNS: Record<RoutingStrategy, string> = {
  'longest-idle': 'longest_idle',
  'round-robin': 'round_robin',
  'fewest-calls': 'fewest_calls',
};

const parse = (row: { record: string }) => JSON.parse(row.record) as AgentRecord;

export interface SqliteAgentStore extends AgentStore {
  /** Takes the tenant's queue membership, and re-indexes its agents by it (inside the caller's transaction). */
  indexTenant(config: TenantConfig): void;
}

export function sqliteAgentStore(db: Database): SqliteAgentStore {
  const statements = {
    get: db.prepare('SELECT record, version FROM agents WHERE tenant_id = ? AND agent_no = ?'),
    insert: db.prepare('INSERT OR IGNORE INTO agents (tenant_id, agent_no, record, version) VALUES (?, ?, ?, 1)'),
    update: db.prepare('UPDATE agents SET record = ?, version = version + 1 WHERE tenant_id = ? AND agent_no = ? AND version = ?'),
    list: db.prepare('SELECT record FROM agents WHERE tenant_id = ? ORDER BY agent_no'),
    unindex: db.prepare('DELETE FROM available_agents WHERE tenant_id = ? AND agent_no = ?'),
    index: db.prepare(
      `INSERT INTO available_agents (tenant_id, queue_no, agent_no, longest_idle, round_robin, fewest_calls)
       SELECT tenant_id, queue_no, agent_no, @longestIdle, @roundRobin, @fewestCalls FROM agent_queues WHERE tenant_id = @tenantId AND agent_no = @agentNo`,
    ),
    forgetQueues: db.prepare('DELETE FROM agent_queues WHERE tenant_id = ?'),
    rememberQueue: db.prepare('INSERT OR IGNORE INTO agent_queues (tenant_id, agent_no, queue_no) VALUES (?, ?, ?)'),
    unindexTenant: db.prepare('DELETE FROM available_agents WHERE tenant_id = ?'),
    available: Object.fromEntries(
      Object.entries(ORDER_COLUMNS).map(([strategy, column]) => [
        strategy,
        db.prepare(
          `SELECT agents.record FROM available_agents JOIN agents USING (tenant_id, agent_no)
           WHERE available_agents.tenant_id = ? AND available_agents.queue_no = ? ORDER BY available_agents.${column}, available_agents.agent_no LIMIT ?`,
        ),
      ]),
    ) as Record<RoutingStrategy, Statement<[string, string, number]>>,
  };

  function index(record: AgentRecord): void {
    statements.unindex.run(record.tenantId, record.agentNo);
    if (!isAvailable(record)) return;
    const keys = routingKeys(record);
    statements.index.run({
      tenantId: record.tenantId,
      agentNo: record.agentNo,
      longestIdle: keys['longest-idle'],
      roundRobin: keys['round-robin'],
      fewestCalls: keys['fewest-calls'],
    });
  }

  const compareAndSet = db.transaction((record: AgentRecord, expectedVersion: number): boolean => {
    const json = JSON.stringify(record);
    const result =
      expectedVersion === 0
        ? statements.insert.run(record.tenantId, record.agentNo, json)
        : statements.update.run(json, record.tenantId, record.agentNo, expectedVersion);
    if (result.changes !== 1) return false;
    index(record);
    return true;
  });

  return {
    async get(tenantId, agentNo) {
      const row = statements.get.get(tenantId, agentNo) as { record: string; version: number } | undefined;
      return row && { value: parse(row), version: row.version };
    },
    async compareAndSet(record, expectedVersion) {
      return compareAndSet(record, expectedVersion);
    },
    async list(tenantId) {
      return (statements.list.all(tenantId) as { record: string }[]).map(parse);
    },
    async listAvailable(tenantId, queueNo, strategy, limit) {
      return (statements.available[strategy].all(tenantId, queueNo, limit) as { record: string }[]).map(parse);
    },
    indexTenant(config) {
      statements.forgetQueues.run(config.tenantId);
      for (const agent of config.agents) {
        for (const queueNo of answeredQueues(agent)) statements.rememberQueue.run(config.tenantId, agent.agentNo, queueNo);
      }
      statements.unindexTenant.run(config.tenantId);
      for (const row of statements.list.all(config.tenantId) as { record: string }[]) index(parse(row));
    },
  };
}
