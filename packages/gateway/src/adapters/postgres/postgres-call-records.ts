/**
 * Call records in PostgreSQL (`DATABASE_URL`): one row per ended call, its record as JSON, the columns `/cdrs` filters
 * and pages on beside it. The schema is the migrations' (schema-migrations.ts), run before the first query.
 */
import pg from 'pg';
import { agentsWhoHandled } from '../../domain/call-disposition.js';
import type { CallRecord } from '../../domain/call.js';
import type { Logger } from '../../ports/logger.js';
import { CallRecordRejectedError, type CallRecords } from '../../ports/call-records.js';
import { migrateSchema } from './schema-migrations.js';

export interface PostgresCallRecordsOptions {
  databaseUrl: string;
  logger?: Logger;
  /** Connections at most. Default 4: records are written one call at a time and read a page at a time. */
  maxConnections?: number;
}

// A higher revision replaces the kept record; the same or a lower one (a repeated delivery) changes nothing.
const UPSERT = `INSERT INTO call_records (call_id, tenant_id, ended_at_ms, agent_nos, revision, record)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (call_id) DO UPDATE SET tenant_id = excluded.tenant_id, ended_at_ms = excluded.ended_at_ms,
    agent_nos = excluded.agent_nos, revision = excluded.revision, record = excluded.record, archived_at = now()
  WHERE call_records.revision < excluded.revision`;

/** SQLSTATE classes of errors in the data itself (22 data exception, 23 integrity constraint): sending it again fails again. */
const refusesTheData = (error: unknown) => /^2[23]/.test(String((error as { code?: unknown }).code ?? ''));

/** jsonb holds no NUL character (a customer's variable may): it is left out of the text, the rest is kept. */
const asJsonb = (record: CallRecord) =>
  JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value));

export async function openPostgresCallRecords(options: PostgresCallRecordsOptions): Promise<CallRecords> {
  try {
    await migrateSchema(options.databaseUrl, options.logger);
  } catch (error) {
    throw new Error(`DATABASE_URL: the call records' schema could not be migrated: ${(error as Error).message}`, { cause: error });
  }
  // Bounded waits: an unreachable server fails a write (tried again later) instead of holding it, or a stop, forever.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
  });
  // An idle connection that breaks (the server restarted) is dropped by the pool; the next query opens another.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'PostgreSQL connection lost'));

  return {
    async append(record, revision) {
      if (record.phase !== 'ended' || record.endedAt === undefined)
        throw new CallRecordRejectedError(`call ${record.callId} has not ended: only ended calls are records`);
      try {
        await pool.query(UPSERT, [record.callId, record.tenantId, record.endedAt, agentsWhoHandled(record), revision, asJsonb(record)]);
      } catch (error) {
        if (refusesTheData(error))
          throw new CallRecordRejectedError(`PostgreSQL refused the record of call ${record.callId}: ${(error as Error).message}`, {
            cause: error,
          });
        throw error;
      }
    },
    async list(query) {
      const conditions = ['tenant_id = $1'];
      const values: unknown[] = [query.tenantId];
      const parameter = (value: unknown) => `$${values.push(value)}`;
      if (query.from !== undefined) conditions.push(`ended_at_ms >= ${parameter(query.from)}`);
      if (query.to !== undefined) conditions.push(`ended_at_ms < ${parameter(query.to)}`);
      if (query.agentNo !== undefined) conditions.push(`agent_nos @> ARRAY[${parameter(query.agentNo)}]::text[]`);
      if (query.before) conditions.push(`(ended_at_ms, call_id) < (${parameter(query.before.endedAt)}, ${parameter(query.before.callId)})`);
      const sql = `SELECT record FROM call_records WHERE ${conditions.join(' AND ')}
        ORDER BY ended_at_ms DESC, call_id DESC LIMIT ${parameter(query.limit)}`;
      const { rows } = await pool.query<{ record: CallRecord }>(sql, values);
      return rows.map((row) => row.record);
    },
    async get(tenantId, callId) {
      const { rows } = await pool.query<{ record: CallRecord }>('SELECT record FROM call_records WHERE call_id = $1 AND tenant_id = $2', [
        callId,
        tenantId,
      ]);
      return rows[0]?.record;
    },
    close: () => pool.end(),
  };
}
