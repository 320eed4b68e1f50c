/** Dialer tasks and their numbers in SQLite. One process writes the file, so a read-then-write in one turn is atomic. */
import type { Database } from 'better-sqlite3';
import type { DialerOutcome } from '@agentsdk/protocol';
import { afterOutcome, type DialerNumberRecord, type DialerTaskRecord } from '../../domain/dialer-campaign.js';
import type { DialerAgentRecord } from '../../domain/dialer-task.js';
import type { DialerStore } from '../../ports/store.js';
import type { TurnTransaction } from './turn-transaction.js';

const parse = (row: { record: string }) => JSON.parse(row.record) as DialerNumberRecord;

export function sqliteDialerStore(db: Database, turn: TurnTransaction): DialerStore {
  const statements = {
    insertTask: db.prepare('INSERT OR IGNORE INTO dialer_tasks (tenant_id, task_id, record) VALUES (?, ?, ?)'),
    updateTask: db.prepare('UPDATE dialer_tasks SET record = ? WHERE tenant_id = ? AND task_id = ?'),
    getTask: db.prepare('SELECT record FROM dialer_tasks WHERE tenant_id = ? AND task_id = ?'),
    listTasks: db.prepare('SELECT record FROM dialer_tasks WHERE tenant_id = ? ORDER BY task_id'),
    lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM dialer_numbers WHERE tenant_id = ? AND task_id = ?'),
    insertNumber: db.prepare(
      `INSERT OR IGNORE INTO dialer_numbers (tenant_id, task_id, number, seq, state, next_attempt_at, attempts, record)
       VALUES (@tenantId, @taskId, @number, @seq, 'due', @nextAttemptAt, 0, @record)`,
    ),
    getNumber: db.prepare('SELECT record FROM dialer_numbers WHERE tenant_id = ? AND task_id = ? AND number = ?'),
    due: db.prepare(
      `SELECT record FROM dialer_numbers WHERE tenant_id = ? AND task_id = ? AND state = 'due' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, seq LIMIT ?`,
    ),
    writeNumber: db.prepare(
      `UPDATE dialer_numbers SET state = @state, next_attempt_at = @nextAttemptAt, claim_owner = @claimOwner,
       claim_expires_at = @claimExpiresAt, attempts = @attempts, last_outcome = @lastOutcome, record = @record
       WHERE tenant_id = @tenantId AND task_id = @taskId AND number = @number`,
    ),
    expired: db.prepare(
      `SELECT record FROM dialer_numbers WHERE tenant_id = ? AND task_id = ? AND state = 'claimed' AND claim_expires_at <= ? ORDER BY seq`,
    ),
    all: db.prepare('SELECT record FROM dialer_numbers WHERE tenant_id = ? AND task_id = ? ORDER BY seq'),
    counts: db.prepare(
      `SELECT COUNT(*) AS total, SUM(attempts > 0) AS dialled, SUM(state != 'done') AS remaining
       FROM dialer_numbers WHERE tenant_id = ? AND task_id = ?`,
    ),
    outcomes: db.prepare(
      `SELECT last_outcome AS outcome, COUNT(*) AS count FROM dialer_numbers
       WHERE tenant_id = ? AND task_id = ? AND last_outcome IS NOT NULL GROUP BY last_outcome ORDER BY last_outcome`,
    ),
    getAgent: db.prepare('SELECT record FROM dialer_agents WHERE tenant_id = ? AND agent_no = ?'),
    putAgent: db.prepare(
      'INSERT INTO dialer_agents (tenant_id, agent_no, record) VALUES (?, ?, ?) ON CONFLICT (tenant_id, agent_no) DO UPDATE SET record = excluded.record',
    ),
  };

  const write = (record: DialerNumberRecord) =>
    statements.writeNumber.run({
      tenantId: record.tenantId,
      taskId: record.taskId,
      number: record.number,
      state: record.state,
      nextAttemptAt: record.nextAttemptAt,
      claimOwner: record.claim?.owner ?? null,
      claimExpiresAt: record.claim?.expiresAt ?? null,
      attempts: record.attempts,
      lastOutcome: record.lastOutcome ?? null,
      record: JSON.stringify(record),
    });

  /** The number while `owner` holds its claim. */
  const claimedBy = (tenantId: string, taskId: string, number: string, owner: string) => {
    const row = statements.getNumber.get(tenantId, taskId, number) as { record: string } | undefined;
    const record = row && parse(row);
    return record?.state === 'claimed' && record.claim?.owner === owner ? record : undefined;
  };

  return {
    async createTask(task: DialerTaskRecord) {
      return turn.inTurn(() => statements.insertTask.run(task.tenantId, task.taskId, JSON.stringify(task))).changes === 1;
    },
    async updateTask(task) {
      return turn.inTurn(() => statements.updateTask.run(JSON.stringify(task), task.tenantId, task.taskId)).changes === 1;
    },
    async getTask(tenantId, taskId) {
      const row = statements.getTask.get(tenantId, taskId) as { record: string } | undefined;
      return row && (JSON.parse(row.record) as DialerTaskRecord);
    },
    async listTasks(tenantId) {
      return (statements.listTasks.all(tenantId) as { record: string }[]).map((row) => JSON.parse(row.record) as DialerTaskRecord);
    },
    async addNumbers(tenantId, taskId, numbers, at) {
      return turn.inTurn(() => {
        let seq = (statements.lastSeq.get(tenantId, taskId) as { seq: number }).seq;
        return numbers.map(({ number, variables }) => {
          const record: DialerNumberRecord = {
            tenantId,
            taskId,
            number,
            seq: seq + 1,
            variables,
            state: 'due',
            attempts: 0,
            nextAttemptAt: at,
            history: [],
          };
          const added =
            statements.insertNumber.run({ tenantId, taskId, number, seq: record.seq, nextAttemptAt: at, record: JSON.stringify(record) })
              .changes === 1;
          if (added) seq += 1;
          return added;
        });
      });
    },
    async claimNext(tenantId, taskId, { owner, now, leaseMs }) {
      return turn.inTurn(() => {
        const row = statements.due.get(tenantId, taskId, now, 1) as { record: string } | undefined;
        if (!row) return undefined;
        const claimed: DialerNumberRecord = { ...parse(row), state: 'claimed', claim: { owner, at: now, expiresAt: now + leaseMs } };
        write(claimed);
        return claimed;
      });
    },
    async claimNumber(tenantId, taskId, number, { owner, now, leaseMs }) {
      return turn.inTurn(() => {
        const row = statements.getNumber.get(tenantId, taskId, number) as { record: string } | undefined;
        const record = row && parse(row);
        const held = record?.state === 'claimed' && record.claim?.owner === owner;
        if (!record || (record.state !== 'due' && !held)) return undefined;
        const claimed: DialerNumberRecord = { ...record, state: 'claimed', claim: { owner, at: now, expiresAt: now + leaseMs } };
        write(claimed);
        return claimed;
      });
    },
    async recordOutcome(tenantId, taskId, number, result) {
      return turn.inTurn(() => {
        const record = claimedBy(tenantId, taskId, number, result.owner);
        if (!record) return false;
        write(afterOutcome(record, result.outcome, result.at, result.nextAttemptAt, result.callId));
        return true;
      });
    },
    async releaseClaim(tenantId, taskId, number, owner) {
      return turn.inTurn(() => {
        const record = claimedBy(tenantId, taskId, number, owner);
        if (!record) return false;
        const { claim: _claim, ...released } = record;
        write({ ...released, state: 'due' });
        return true;
      });
    },
    async listExpiredClaims(tenantId, taskId, now) {
      return (statements.expired.all(tenantId, taskId, now) as { record: string }[]).map(parse);
    },
    async listDue(tenantId, taskId, now, limit) {
      return (statements.due.all(tenantId, taskId, now, limit) as { record: string }[]).map(parse);
    },
    async listNumbers(tenantId, taskId) {
      return (statements.all.all(tenantId, taskId) as { record: string }[]).map(parse);
    },
    async progress(tenantId, taskId) {
      const counts = statements.counts.get(tenantId, taskId) as { total: number; dialled: number | null; remaining: number | null };
      const outcomes = statements.outcomes.all(tenantId, taskId) as { outcome: DialerOutcome; count: number }[];
      return {
        total: counts.total,
        dialled: counts.dialled ?? 0,
        remaining: counts.remaining ?? 0,
        outcomes: Object.fromEntries(outcomes.map(({ outcome, count }) => [outcome, count])),
      };
    },
    async getAgent(tenantId, agentNo) {
      const row = statements.getAgent.get(tenantId, agentNo) as { record: string } | undefined;
      return row && (JSON.parse(row.record) as DialerAgentRecord);
    },
    async putAgent(record) {
      turn.inTurn(() => statements.putAgent.run(record.tenantId, record.agentNo, JSON.stringify(record)));
    },
  };
}
