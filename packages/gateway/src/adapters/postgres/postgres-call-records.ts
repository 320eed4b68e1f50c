/**
 * Call records in PostgreSQL (`DATABASE_URL`): one row per ended call, its record as JSON, the columns `/cdrs` filters
 * and pages on beside it; a dialer task's call also gets its row in `dialer_results` (the task, the number, the attempt
 * and the outcome it gave the number). The schema is the migrations' (schema-migrations.ts), run before the first
 * query (schema-readiness.ts).
 */
import pg from 'pg';
import { agentsWhoHandled } from '../../domain/call-disposition.js';
import type { CallRecord } from '../../domain/call.js';
import { attemptOutcomeOf } from '../../domain/dialer-campaign.js';
import type { Logger } from '../../ports/logger.js';
import { CallRecordRejectedError, type CallRecords, CallRecordsUnavailableError, type RecordRevision } from '../../ports/call-records.js';
import { SchemaReadiness } from './schema-readiness.js';

export interface PostgresCallRecordsOptions {
  databaseUrl: string;
  logger?: Logger;
  /** Connections at most. Default 4: one writer writes records a batch at a time, and pages are read one at a time. */
  maxConnections?: number;
}

/** `($1, $2), ($3, $4)` for rows of values, and the values in that order. */
function valuesOf(rows: readonly unknown[][]): { sql: string; values: unknown[] } {
  let next = 0;
  const sql = rows.map((row) => `(${row.map(() => `$${++next}`).join(', ')})`).join(', ');
  return { sql, values: rows.flat() };
}

// A higher revision replaces the kept record; the same or a lower one (a repeated delivery) changes nothing.
const upsertSql = (values: string) => `INSERT INTO call_records (call_id, tenant_id, ended_at_ms, agent_nos, revision, record)
  VALUES ${values}
  ON CONFLICT (call_id) DO UPDATE SET tenant_id = excluded.tenant_id, ended_at_ms = excluded.ended_at_ms,
    agent_nos = excluded.agent_nos, revision = excluded.revision, record = excluded.record, archived_at = now()
  WHERE call_records.revision < excluded.revision`;

// The outcome of a dialer's call does not change once it ended: a repeated delivery writes the same row again.
const upsertDialerResultsSql = (
  values: string,
) => `INSERT INTO dialer_results (call_id, tenant_id, task_id, number, attempt, outcome, ended_at_ms)
  VALUES ${values}
  ON CONFLICT (call_id) DO UPDATE SET outcome = excluded.outcome, ended_at_ms = excluded.ended_at_ms`;

/** A dialer task's call that dialled its customer: its row of `dialer_results`. */
function dialerResultOf(record: CallRecord): unknown[][] {
  const outcome = attemptOutcomeOf(record);
  if (record.dialer === undefined || outcome === undefined || outcome === 'notDialled') return [];
  const { taskId, number, attemptsBefore } = record.dialer;
  return [[record.callId, record.tenantId, taskId, number, attemptsBefore + 1, outcome, record.endedAt]];
}

/** One row per call (a statement may not touch a row twice), its latest revision. */
function latestPerCall(records: readonly RecordRevision[]): RecordRevision[] {
  const latest = new Map<string, RecordRevision>();
  for (const entry of records)
    if ((latest.get(entry.record.callId)?.revision ?? -1) < entry.revision) latest.set(entry.record.callId, entry);
  return [...latest.values()];
}

/** SQLSTATE classes of errors in the data itself (22 data exception, 23 integrity constraint): sending it again fails again. */
const refusesTheData = (error: unknown) => /^2[23]/.test(String((error as { code?: unknown }).code ?? ''));

/** jsonb holds no NUL character (a customer's variable may): it is left out of the text, the rest is kept. */
const asJsonb = (record: CallRecord) =>
  JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value));

/** A connection that failed or timed out, as opposed to a query PostgreSQL answered with an error (it has a SQLSTATE). */
const unreachable = (error: unknown) =>
  typeof (error as { code?: unknown }).code !== 'string' || /^(08|57P)|^E[A-Z]+$/.test(String((error as { code: string }).code));

/** A read that failed for want of PostgreSQL is `CallRecordsUnavailableError`: the route answers 503, not 500. */
async function reading<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (unreachable(error))
      throw new CallRecordsUnavailableError(`the call records are not available: ${(error as Error).message}`, { cause: error });
    throw error;
  }
}

/** Refuses, at once and by name, a DATABASE_URL that is no PostgreSQL URL. */
function checkedUrl(databaseUrl: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(databaseUrl).protocol;
  } catch {
    // falls through to the refusal
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error(
      'DATABASE_URL must be a postgres:// or postgresql:// URL, such as postgres://user:password@db.example.com:5432/agent_gateway',
    );
  }
  return databaseUrl;
}

export async function openPostgresCallRecords(options: PostgresCallRecordsOptions): Promise<CallRecords> {
  const schema = new SchemaReadiness(checkedUrl(options.databaseUrl), options.logger);
  await schema.start();
  // Bounded waits: an unreachable server fails a write (tried again later) instead of holding it, or a stop, forever.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
  });
  // An idle connection that breaks (the server restarted) is dropped by the pool; the next query opens another.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'PostgreSQL connection lost'));

  const upsert = (rows: readonly RecordRevision[]) => {
    const { sql, values } = valuesOf(
      rows.map(({ record, revision }) => [
        record.callId,
        record.tenantId,
        record.endedAt,
        agentsWhoHandled(record),
        revision,
        asJsonb(record),
      ]),
    );
    return pool.query(upsertSql(sql), values);
  };
  const upsertDialerResults = (records: readonly CallRecord[]) => {
    const results = records.flatMap(dialerResultOf);
    if (results.length === 0) return;
    const { sql, values } = valuesOf(results);
    return pool.query(upsertDialerResultsSql(sql), values);
  };

  return {
    async append(records) {
      schema.check();
      const isEnded = ({ record }: RecordRevision) => record.phase === 'ended' && record.endedAt !== undefined;
      const rejected = records.filter((entry) => !isEnded(entry)).map(({ record }) => record.callId);
      const rows = latestPerCall(records.filter(isEnded));
      try {
        if (rows.length > 0) await upsert(rows);
      } catch (error) {
        if (!refusesTheData(error)) throw error;
        // One record spoils the statement: each alone, to keep the others.
        for (const row of rows) {
          try {
            await upsert([row]);
          } catch (rowError) {
            if (!refusesTheData(rowError)) throw rowError;
            options.logger?.error({ err: rowError, callId: row.record.callId }, 'PostgreSQL refused a call record');
            rejected.push(row.record.callId);
          }
        }
      }
      const refused = new Set(rejected);
      await upsertDialerResults(rows.map(({ record }) => record).filter(({ callId }) => !refused.has(callId)));
      if (rejected.length > 0)
        throw new CallRecordRejectedError(
          rejected,
          `call records refused (not ended, or data PostgreSQL does not take): ${rejected.join(', ')}`,
        );
    },
    async list(query) {
      schema.check();
      const conditions = ['tenant_id = $1'];
      const values: unknown[] = [query.tenantId];
      const parameter = (value: unknown) => `$${values.push(value)}`;
      if (query.from !== undefined) conditions.push(`ended_at_ms >= ${parameter(query.from)}`);
      if (query.to !== undefined) conditions.push(`ended_at_ms < ${parameter(query.to)}`);
      if (query.agentNo !== undefined) conditions.push(`agent_nos @> ARRAY[${parameter(query.agentNo)}]::text[]`);
      if (query.before) conditions.push(`(ended_at_ms, call_id) < (${parameter(query.before.endedAt)}, ${parameter(query.before.callId)})`);
      const sql = `SELECT record FROM call_records WHERE ${conditions.join(' AND ')}
        ORDER BY ended_at_ms DESC, call_id DESC LIMIT ${parameter(query.limit)}`;
      const { rows } = await reading(() => pool.query<{ record: CallRecord }>(sql, values));
      return rows.map((row) => row.record);
    },
    async get(tenantId, callId) {
      schema.check();
      const sql = 'SELECT record FROM call_records WHERE call_id = $1 AND tenant_id = $2';
      const { rows } = await reading(() => pool.query<{ record: CallRecord }>(sql, [callId, tenantId]));
      return rows[0]?.record;
    },
    async close() {
      schema.stop();
      await pool.end();
    },
  };
}
