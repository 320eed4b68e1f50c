/** Tables of the SQLite store. Each statement is idempotent so opening an existing data directory is safe. */
export const SCHEMA_STATEMENTS = [
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
  `CREATE TABLE IF NOT EXISTS session_events (
     session_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     frame TEXT NOT NULL,
     PRIMARY KEY (session_id, seq)
   )`,
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
export const ADDED_COLUMNS = [{ table: 'sessions', column: 'sip_ha1', definition: 'TEXT' }] as const;
