/** A data directory written by an earlier gateway opens with today's tables and keeps what it held. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '@agentsdk/gateway';
import { temporaryDataDir } from './helpers/test-gateway.js';

const dataDir = temporaryDataDir();
afterAll(() => dataDir.remove());

/** The session event log as the first gateways created it: a rowid table with its key in a second B-tree. */
const FIRST_SESSION_EVENTS = `CREATE TABLE session_events (
  session_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  frame TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
)`;

const tableSql = (db: Database.Database, name: string) =>
  (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as { sql: string } | undefined)?.sql;

describe('SQLite store schema upgrade', () => {
  it('moves a session event log kept in a rowid table into one clustered by session, events intact', async () => {
    const path = join(dataDir.path, 'store.sqlite');
    const old = new Database(path);
    old.exec(FIRST_SESSION_EVENTS);
    const insert = old.prepare('INSERT INTO session_events (session_id, seq, frame) VALUES (?, ?, ?)');
    for (let seq = 1; seq <= 3; seq++) insert.run('s1', seq, `{"seq":${seq}}`);
    insert.run('s2', 7, '{"seq":7}');
    old.close();

    const store = openSqliteStore(path);
    expect((await store.sessionEvents.list('s1')).map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(await store.sessionEvents.list('s2')).toEqual([{ seq: 7, text: '{"seq":7}' }]);
    await store.sessionEvents.append('s1', { seq: 4, text: '{"seq":4}' }, 3);
    expect((await store.sessionEvents.list('s1')).map((event) => event.seq)).toEqual([2, 3, 4]);
    await store.close();

    const reopened = new Database(path, { readonly: true });
    try {
      expect(tableSql(reopened, 'session_events')).toMatch(/WITHOUT ROWID$/);
      expect(tableSql(reopened, 'session_events_rowid')).toBeUndefined();
    } finally {
      reopened.close();
    }
  });
});
