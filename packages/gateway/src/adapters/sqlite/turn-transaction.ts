/**
 * The writes of one event-loop turn in one SQLite transaction, committed at the end of the turn before any frame of
 * it is sent (../event-loop/turn-end.ts): one WAL commit per turn instead of one per write. Reads in the turn see the writes
 * (same connection); a write made outside `inTurn` joins an open transaction or commits by itself, and one made
 * inside another transaction (better-sqlite3's `db.transaction`) stays in it.
 */
import type { Database } from 'better-sqlite3';
import { atTurnEnd } from '../event-loop/turn-end.js';

export interface TurnTransaction {
  inTurn<T>(write: () => T): T;
  /** Commits what the turn wrote so far (closing the store). */
  commit(): void;
}

export function turnTransaction(db: Database): TurnTransaction {
  // Prepared once: `exec` would parse the statement again every turn.
  const begin = db.prepare('BEGIN');
  const commitStatement = db.prepare('COMMIT');
  let open = false;
  const commit = () => {
    if (!open) return;
    open = false;
    commitStatement.run();
  };
  return {
    inTurn(write) {
      if (!open && !db.inTransaction) {
        begin.run();
        open = true;
        atTurnEnd('commit', commit);
      }
      return write();
    },
    commit,
  };
}
