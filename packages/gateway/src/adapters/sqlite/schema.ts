/** Tables of the SQLite store, and the upgrade of a data directory an earlier gateway wrote. */
import type { Database } from 'better-sqlite3';

/** Each statement is idempotent so opening an existing data directory is safe. */
const SCHEMA_STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS tenants (
     tenant_id TEXT PRIMARY KEY,
     config TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS session_keys (
     key_hash TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     agent_no TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revoked_at INTEGER
   )`,
  `CREATE TABLE IF NOT EXISTS sessions (
     session_id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     agent_no TEXT NOT NULL,
     key_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     ended_at INTEGER,
     end_reason TEXT,
     sip_ha1 TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS sessions_live ON sessions (ended_at, key_hash)`,
  `CREATE TABLE IF NOT EXISTS agents (
     tenant_id TEXT NOT NULL,
     agent_no TEXT NOT NULL,
     record TEXT NOT NULL,
     version INTEGER NOT NULL,
     PRIMARY KEY (tenant_id, agent_no)
   )`,
  `CREATE TABLE IF NOT EXISTS calls (
     call_id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     phase TEXT NOT NULL,
     queue_no TEXT,
     queued_at INTEGER,
     agent_no TEXT,
     request_unique_id TEXT,
     ended_at INTEGER,
     record TEXT NOT NULL,
     version INTEGER NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS calls_queued ON calls (tenant_id, queue_no, phase, queued_at)`,
  `CREATE INDEX IF NOT EXISTS calls_ended ON calls (tenant_id, ended_at DESC, call_id DESC)`,
  `CREATE INDEX IF NOT EXISTS calls_request ON calls (tenant_id, agent_no, request_unique_id)`,
  `CREATE INDEX IF NOT EXISTS calls_active ON calls (tenant_id, ended_at)`,
  `CREATE TABLE IF NOT EXISTS leases (
     owner_id TEXT PRIMARY KEY,
     renewed_at INTEGER NOT NULL
   )`,
  // Clustered by its key: an append writes the session's last page only, where a rowid table also wrote its key's
  // B-tree (a third fewer WAL pages per commit, BENCHMARKS.md).
  `CREATE TABLE IF NOT EXISTS session_events (
     session_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     frame TEXT NOT NULL,
     PRIMARY KEY (session_id, seq)
   ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS dialer_tasks (
     tenant_id TEXT NOT NULL,
     task_id TEXT NOT NULL,
     record TEXT NOT NULL,
     PRIMARY KEY (tenant_id, task_id)
   )`,
  `CREATE TABLE IF NOT EXISTS dialer_numbers (
     tenant_id TEXT NOT NULL,
     task_id TEXT NOT NULL,
     number TEXT NOT NULL,
     seq INTEGER NOT NULL,
     state TEXT NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     claim_owner TEXT,
     claim_expires_at INTEGER,
     attempts INTEGER NOT NULL,
     last_outcome TEXT,
     record TEXT NOT NULL,
     PRIMARY KEY (tenant_id, task_id, number)
   )`,
  `CREATE INDEX IF NOT EXISTS dialer_numbers_due ON dialer_numbers (tenant_id, task_id, state, next_attempt_at, seq)`,
  `CREATE TABLE IF NOT EXISTS dialer_agents (
     tenant_id TEXT NOT NULL,
     agent_no TEXT NOT NULL,
     record TEXT NOT NULL,
     PRIMARY KEY (tenant_id, agent_no)
   )`,
  `CREATE INDEX IF NOT EXISTS dialer_numbers_claims ON dialer_numbers (tenant_id, task_id, state, claim_expires_at)`,
];

/** Columns added after a table was first shipped: added to an existing data directory when missing. */
const ADDED_COLUMNS = [{ table: 'sessions', column: 'sip_ha1', definition: 'TEXT' }] as const;

/** Tables first shipped as rowid tables and now `WITHOUT ROWID`: rebuilt, rows and all, when found in the old form. */
const CLUSTERED_TABLES = ['session_events'] as const;

/** Creates what is missing and upgrades what an earlier gateway created, each upgrade in one transaction. */
export function createSchema(db: Database): void {
  const tableSql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  const oldForms = CLUSTERED_TABLES.filter((table) => {
    const sql = tableSql.get(table) as string | undefined;
    return sql !== undefined && !/WITHOUT ROWID\s*$/i.test(sql);
  });
  db.transaction(() => {
    for (const table of oldForms) db.exec(`ALTER TABLE ${table} RENAME TO ${table}_rowid`);
    for (const statement of SCHEMA_STATEMENTS) db.exec(statement);
    for (const table of oldForms) db.exec(`INSERT INTO ${table} SELECT * FROM ${table}_rowid; DROP TABLE ${table}_rowid`);
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (!columns.some((existing) => existing.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  })();
}
