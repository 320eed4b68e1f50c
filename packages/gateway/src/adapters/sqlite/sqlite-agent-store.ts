/**
 * Agents in SQLite: each agent is one JSON record with a version. Every successful write also moves the agent in
 * the in-memory availability index (./availability-index.ts), so the router reads the first few agents of a queue
 * instead of parsing every agent, and keeps the record among the recently used ones (./recent-records.ts), so the
 * next read of a busy agent is neither a statement nor a parse.
 */
import type { Database } from 'better-sqlite3';
import type { AgentRecord } from '../../domain/agent.js';
import { answeredQueues } from '../../domain/agent-availability.js';
import type { TenantConfig } from '../../domain/tenant.js';
import type { AgentStore } from '../../ports/store.js';
import { AvailabilityIndex } from './availability-index.js';
import { RecentRecords } from './recent-records.js';
import type { TurnTransaction } from './turn-transaction.js';

const parse = (row: { record: string }) => JSON.parse(row.record) as AgentRecord;

/** Agents whose records stay parsed in memory: more than a node's agents in calls and changing state at once. */
const RECENT_AGENTS = 2_000;

const keyOf = (tenantId: string, agentNo: string) => `${tenantId}\u0000${agentNo}`;

export interface SqliteAgentStore extends AgentStore {
  /** Takes the tenant's queue membership, and re-indexes its stored agents by it. */
  indexTenant(config: TenantConfig): void;
}

export function sqliteAgentStore(db: Database, turn: TurnTransaction): SqliteAgentStore {
  const statements = {
    get: db.prepare('SELECT record, version FROM agents WHERE tenant_id = ? AND agent_no = ?'),
    insert: db.prepare('INSERT OR IGNORE INTO agents (tenant_id, agent_no, record, version) VALUES (?, ?, ?, 1)'),
    update: db.prepare('UPDATE agents SET record = ?, version = version + 1 WHERE tenant_id = ? AND agent_no = ? AND version = ?'),
    list: db.prepare('SELECT record FROM agents WHERE tenant_id = ? ORDER BY agent_no'),
  };
  const availability = new AvailabilityIndex();
  const recent = new RecentRecords<AgentRecord>(RECENT_AGENTS);
  const read = (tenantId: string, agentNo: string) => {
    const key = keyOf(tenantId, agentNo);
    let found = recent.get(key);
    if (found) return found;
    const row = statements.get.get(tenantId, agentNo) as { record: string; version: number } | undefined;
    if (row) recent.set(key, (found = { value: parse(row), version: row.version }));
    return found;
  };

  return {
    async get(tenantId, agentNo) {
      return read(tenantId, agentNo);
    },
    async compareAndSet(record, expectedVersion) {
      const json = JSON.stringify(record);
      const result = turn.inTurn(() =>
        expectedVersion === 0
          ? statements.insert.run(record.tenantId, record.agentNo, json)
          : statements.update.run(json, record.tenantId, record.agentNo, expectedVersion),
      );
      const key = keyOf(record.tenantId, record.agentNo);
      if (result.changes !== 1) {
        recent.delete(key);
        return false;
      }
      // Exactly what a read of the row gives (fields set to undefined dropped), in an object of its own.
      recent.set(key, { value: parse({ record: json }), version: expectedVersion + 1 });
      availability.update(record);
      return true;
    },
    async list(tenantId) {
      return (statements.list.all(tenantId) as { record: string }[]).map(parse);
    },
    async listAvailable(tenantId, queueNo, strategy, limit) {
      return availability.first(tenantId, queueNo, strategy, limit).flatMap((agentNo) => {
        const found = read(tenantId, agentNo);
        return found ? [found.value] : [];
      });
    },
    indexTenant(config) {
      availability.setQueues(config.tenantId, new Map(config.agents.map((agent) => [agent.agentNo, answeredQueues(agent)])));
      for (const row of statements.list.all(config.tenantId) as { record: string }[]) availability.update(parse(row));
    },
  };
}
