/** Calls in SQLite: live calls and, once ended, the call records (CDRs). The record is JSON; queried fields are columns. */
import type { Database, Statement } from 'better-sqlite3';
import type { CallRecord } from '../../domain/call.js';
import type { CallStore } from '../../ports/store.js';
import type { TurnTransaction } from './turn-transaction.js';

const parse = (row: { record: string }) => JSON.parse(row.record) as CallRecord;

/** The call's agent or callee, or an agent whose leg was answered (domain/call-disposition.ts `handledBy`). */
const HANDLED_BY_AGENT = `(agent_no = @agentNo
  OR json_extract(record, '$.calleeAgentNo') = @agentNo
  OR EXISTS (SELECT 1 FROM json_each(record, '$.legs') AS leg
    WHERE json_extract(leg.value, '$.party') = 'agent' AND json_extract(leg.value, '$.agentNo') = @agentNo
      AND json_extract(leg.value, '$.answeredAt') IS NOT NULL))`;

export function sqliteCallStore(db: Database, turn: TurnTransaction): CallStore {
  const statements = {
    get: db.prepare('SELECT record, version FROM calls WHERE call_id = ?'),
    insert: db.prepare(
      `INSERT OR IGNORE INTO calls (call_id, tenant_id, phase, queue_no, queued_at, agent_no, request_unique_id, ended_at, record, version)
       VALUES (@callId, @tenantId, @phase, @queueNo, @queuedAt, @agentNo, @requestUniqueId, @endedAt, @record, 1)`,
    ),
    update: db.prepare(
      `UPDATE calls SET phase = @phase, queue_no = @queueNo, queued_at = @queuedAt, agent_no = @agentNo, ended_at = @endedAt,
       record = @record, version = version + 1 WHERE call_id = @callId AND version = @expectedVersion`,
    ),
    queued: db.prepare(`SELECT record FROM calls WHERE tenant_id = ? AND queue_no = ? AND phase = 'queued' ORDER BY queued_at, call_id`),
    active: db.prepare(`SELECT record FROM calls WHERE tenant_id = ? AND phase != 'ended' ORDER BY call_id`),
    byRequest: db.prepare('SELECT record FROM calls WHERE tenant_id = ? AND agent_no = ? AND request_unique_id = ?'),
  };

  /** listEnded's statements by their SQL: one per combination of filters, prepared once. */
  const endedQueries = new Map<string, Statement>();

  const columns = (call: CallRecord) => ({
    callId: call.callId,
    tenantId: call.tenantId,
    phase: call.phase,
    queueNo: call.queueNo ?? null,
    queuedAt: call.queuedAt ?? null,
    agentNo: call.agentNo ?? null,
    requestUniqueId: call.requestUniqueId ?? null,
    endedAt: call.endedAt ?? null,
    record: JSON.stringify(call),
  });

  return {
    async get(callId) {
      const row = statements.get.get(callId) as { record: string; version: number } | undefined;
      return row && { value: parse(row), version: row.version };
    },
    async compareAndSet(call, expectedVersion) {
      const row = columns(call);
      const result = turn.inTurn(() =>
        expectedVersion === 0 ? statements.insert.run(row) : statements.update.run({ ...row, expectedVersion }),
      );
      return result.changes === 1;
    },
    async listQueued(tenantId, queueNo) {
      return (statements.queued.all(tenantId, queueNo) as { record: string }[]).map(parse);
    },
    async listActive(tenantId) {
      return (statements.active.all(tenantId) as { record: string }[]).map(parse);
    },
    async findByRequestUniqueId(tenantId, agentNo, requestUniqueId) {
      const row = statements.byRequest.get(tenantId, agentNo, requestUniqueId) as { record: string } | undefined;
      return row && parse(row);
    },
    async listEnded(query) {
      const conditions = ['tenant_id = @tenantId', "phase = 'ended'"];
      if (query.from !== undefined) conditions.push('ended_at >= @from');
      if (query.to !== undefined) conditions.push('ended_at < @to');
      if (query.agentNo !== undefined) conditions.push(HANDLED_BY_AGENT);
      if (query.before) conditions.push('(ended_at < @beforeEndedAt OR (ended_at = @beforeEndedAt AND call_id < @beforeCallId))');
      const sql = `SELECT record FROM calls WHERE ${conditions.join(' AND ')} ORDER BY ended_at DESC, call_id DESC LIMIT @limit`;
      const parameters = Object.fromEntries(
        Object.entries({
          tenantId: query.tenantId,
          from: query.from,
          to: query.to,
          agentNo: query.agentNo,
          beforeEndedAt: query.before?.endedAt,
          beforeCallId: query.before?.callId,
          limit: query.limit,
        }).filter(([, value]) => value !== undefined),
      );
      let statement = endedQueries.get(sql);
      if (!statement) endedQueries.set(sql, (statement = db.prepare(sql)));
      const rows = statement.all(parameters) as { record: string }[];
      return rows.map(parse);
    },
  };
}
