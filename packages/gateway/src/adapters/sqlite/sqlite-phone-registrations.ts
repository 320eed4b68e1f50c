/**
 * Phone registrations in SQLite. A SQLite store belongs to one node, so these are that node's own phones; the table
 * is there so the node behaves as a node of a cluster would (the conformance suite runs it like Redis).
 */
import type { Database } from 'better-sqlite3';
import type { PhoneRegistration, PhoneRegistrationStore } from '../../ports/store.js';
import type { TurnTransaction } from './turn-transaction.js';

const SCHEMA = `CREATE TABLE IF NOT EXISTS phone_registrations (
  tenant_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  address TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  record TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, kind, address)
)`;

export function sqlitePhoneRegistrations(db: Database, turn: TurnTransaction): PhoneRegistrationStore {
  db.exec(SCHEMA);
  db.exec('CREATE INDEX IF NOT EXISTS phone_registrations_owner ON phone_registrations (owner_id)');
  const statements = {
    put: db.prepare(
      `INSERT INTO phone_registrations (tenant_id, kind, address, owner_id, record, expires_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, kind, address) DO UPDATE SET owner_id = excluded.owner_id, record = excluded.record,
       expires_at = excluded.expires_at`,
    ),
    find: db.prepare('SELECT record FROM phone_registrations WHERE tenant_id = ? AND kind = ? AND address = ? AND expires_at > ?'),
    remove: db.prepare('DELETE FROM phone_registrations WHERE tenant_id = ? AND kind = ? AND address = ? AND owner_id = ?'),
    removeOwner: db.prepare('DELETE FROM phone_registrations WHERE owner_id = ?'),
  };
  return {
    async put(registration) {
      const { tenantId, kind, address, ownerId, expiresAt } = registration;
      turn.inTurn(() => statements.put.run(tenantId, kind, address, ownerId, JSON.stringify(registration), expiresAt));
    },
    async find(tenantId, kind, address, now) {
      const row = statements.find.get(tenantId, kind, address, now) as { record: string } | undefined;
      return row && (JSON.parse(row.record) as PhoneRegistration);
    },
    async remove(tenantId, kind, address, ownerId) {
      return turn.inTurn(() => statements.remove.run(tenantId, kind, address, ownerId)).changes === 1;
    },
    async removeOwner(ownerId) {
      return turn.inTurn(() => statements.removeOwner.run(ownerId)).changes;
    },
  };
}
