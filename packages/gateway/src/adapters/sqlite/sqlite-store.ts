/** The embedded default store: one SQLite file (better-sqlite3), or `:memory:` for a throwaway gateway. */
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TenantConfig } from '../../domain/tenant.js';
import type { Lease, SessionKeyRecord, SessionRecord, Store } from '../../ports/store.js';
import { ADDED_COLUMNS, SCHEMA_STATEMENTS } from './schema.js';
import { sqliteAgentStore } from './sqlite-agent-store.js';
import { sqliteCallStore } from './sqlite-call-store.js';
import { sqliteDialerStore } from './sqlite-dialer-store.js';
import { sqlitePhoneRegistrations } from './sqlite-phone-registrations.js';
import { turnTransaction } from './turn-transaction.js';

interface SessionKeyRow {
  key_hash: string;
  tenant_id: string;
  agent_no: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

interface SessionRow {
  session_id: string;
  tenant_id: string;
  agent_no: string;
  key_hash: string;
  created_at: number;
  ended_at: number | null;
  end_reason: string | null;
  sip_ha1: string | null;
}

function toSessionKey(row: SessionKeyRow): SessionKeyRecord {
  const record: SessionKeyRecord = {
    keyHash: row.key_hash,
    tenantId: row.tenant_id,
    agentNo: row.agent_no,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
  if (row.revoked_at !== null) record.revokedAt = row.revoked_at;
  return record;
}

function toSession(row: SessionRow): SessionRecord {
  const record: SessionRecord = {
    sessionId: row.session_id,
    tenantId: row.tenant_id,
    agentNo: row.agent_no,
    keyHash: row.key_hash,
    createdAt: row.created_at,
  };
  if (row.ended_at !== null) record.endedAt = row.ended_at;
  if (row.end_reason !== null) record.endReason = row.end_reason;
  if (row.sip_ha1 !== null) record.sipHa1 = row.sip_ha1;
  return record;
}

/** Sets the file's modes, takes its lock and brings its schema up to date. */
function prepareFile(db: Database.Database, path: string): void {
  db.pragma('busy_timeout = 2000');
  db.pragma('journal_mode = WAL');
  // A commit reaches the WAL file with write(), not fsync(): a killed process loses nothing it committed; a power cut
  // may lose the last commits since a checkpoint, never the file's consistency (docs/durability.md).
  db.pragma('synchronous = NORMAL');
  // The data directory belongs to one gateway process: holding the lock saves the lock calls of every transaction,
  // and makes this store the only writer its in-memory availability index must follow (./availability-index.ts).
  if (path !== ':memory:') db.pragma('locking_mode = EXCLUSIVE');
  for (const statement of SCHEMA_STATEMENTS) db.exec(statement);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((existing) => existing.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}

/** `path` is a file path or `:memory:`. */
export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  try {
    prepareFile(db, path);
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY')
      throw new Error(`the data directory ${dirname(path)} is in use by another gateway process (${basename(path)} is locked)`);
    throw error;
  }

  const statements = {
    upsertTenant: db.prepare(
      'INSERT INTO tenants (tenant_id, config) VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET config = excluded.config',
    ),
    listTenants: db.prepare('SELECT config FROM tenants ORDER BY tenant_id'),
    insertKey: db.prepare('INSERT INTO session_keys (key_hash, tenant_id, agent_no, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    findKey: db.prepare('SELECT * FROM session_keys WHERE key_hash = ?'),
    revokeKey: db.prepare('UPDATE session_keys SET revoked_at = ? WHERE key_hash = ? AND revoked_at IS NULL'),
    insertSession: db.prepare(
      'INSERT INTO sessions (session_id, tenant_id, agent_no, key_hash, created_at, sip_ha1) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    getSession: db.prepare('SELECT * FROM sessions WHERE session_id = ?'),
    // An ended session's SIP HA1 authenticates nothing any more: it is not kept.
    endSession: db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ?, sip_ha1 = NULL WHERE session_id = ? AND ended_at IS NULL'),
    liveSessions: db.prepare('SELECT * FROM sessions WHERE ended_at IS NULL ORDER BY created_at'),
    liveSessionsByKey: db.prepare('SELECT * FROM sessions WHERE ended_at IS NULL AND key_hash = ?'),
    renewLease: db.prepare(
      'INSERT INTO leases (owner_id, renewed_at) VALUES (?, ?) ON CONFLICT (owner_id) DO UPDATE SET renewed_at = excluded.renewed_at',
    ),
    listLeases: db.prepare('SELECT owner_id AS ownerId, renewed_at AS renewedAt FROM leases ORDER BY owner_id'),
    removeLease: db.prepare('DELETE FROM leases WHERE owner_id = ?'),
    appendEvent: db.prepare('INSERT OR REPLACE INTO session_events (session_id, seq, frame) VALUES (?, ?, ?)'),
    trimEvents: db.prepare('DELETE FROM session_events WHERE session_id = ? AND seq <= ?'),
    listEvents: db.prepare('SELECT seq, frame FROM session_events WHERE session_id = ? ORDER BY seq'),
    removeEvents: db.prepare('DELETE FROM session_events WHERE session_id = ?'),
  };
  const turn = turnTransaction(db);
  const agents = sqliteAgentStore(db, turn);
  for (const row of statements.listTenants.all() as { config: string }[]) agents.indexTenant(JSON.parse(row.config) as TenantConfig);

  return {
    tenants: {
      async upsert(config: TenantConfig) {
        statements.upsertTenant.run(config.tenantId, JSON.stringify(config));
        agents.indexTenant(config);
      },
      async list() {
        return (statements.listTenants.all() as { config: string }[]).map((row) => JSON.parse(row.config) as TenantConfig);
      },
    },
    leases: {
      async renew(ownerId, at) {
        turn.inTurn(() => statements.renewLease.run(ownerId, at));
      },
      async list() {
        return statements.listLeases.all() as Lease[];
      },
      async remove(ownerId) {
        return turn.inTurn(() => statements.removeLease.run(ownerId).changes === 1);
      },
    },
    sessionEvents: {
      async append(sessionId, event, keep) {
        turn.inTurn(() => {
          statements.appendEvent.run(sessionId, event.seq, event.text);
          statements.trimEvents.run(sessionId, event.seq - keep);
        });
      },
      async list(sessionId) {
        return (statements.listEvents.all(sessionId) as { seq: number; frame: string }[]).map((row) => ({ seq: row.seq, text: row.frame }));
      },
      async remove(sessionId) {
        turn.inTurn(() => statements.removeEvents.run(sessionId));
      },
    },
    sessionKeys: {
      async insert(record) {
        turn.inTurn(() => statements.insertKey.run(record.keyHash, record.tenantId, record.agentNo, record.createdAt, record.expiresAt));
      },
      async findByHash(keyHash) {
        const row = statements.findKey.get(keyHash) as SessionKeyRow | undefined;
        return row && toSessionKey(row);
      },
      async revoke(keyHash, at) {
        return statements.revokeKey.run(at, keyHash).changes === 1;
      },
    },
    sessions: {
      async insert(record) {
        turn.inTurn(() =>
          statements.insertSession.run(
            record.sessionId,
            record.tenantId,
            record.agentNo,
            record.keyHash,
            record.createdAt,
            record.sipHa1 ?? null,
          ),
        );
      },
      async get(sessionId) {
        const row = statements.getSession.get(sessionId) as SessionRow | undefined;
        return row && toSession(row);
      },
      async end(sessionId, reason, at) {
        return turn.inTurn(() => statements.endSession.run(at, reason, sessionId)).changes === 1;
      },
      async listLive() {
        return (statements.liveSessions.all() as SessionRow[]).map(toSession);
      },
      async listLiveByKeyHash(keyHash) {
        return (statements.liveSessionsByKey.all(keyHash) as SessionRow[]).map(toSession);
      },
    },
    agents,
    calls: sqliteCallStore(db, turn),
    dialer: sqliteDialerStore(db, turn),
    phoneRegistrations: sqlitePhoneRegistrations(db, turn),
    async close() {
      turn.commit();
      db.close();
    },
  };
}
