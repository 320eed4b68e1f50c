/**
 * The most recently used records of a table, as read or written, so that a read of a hot record costs neither a
 * statement nor a JSON parse. Write-through: the store puts what it committed to the turn's transaction, and that
 * store is the only writer of its file (it holds an exclusive lock). Bounded, least recently used out first, so an
 * idle agent costs no memory here. A record is shared by every reader, never copied: the domain's transitions return
 * new records and never change the ones they are given.
 */
import type { Versioned } from '../../ports/store.js';

export class RecentRecords<T> {
  private readonly records = new Map<string, Versioned<T>>();

  constructor(private readonly limit: number) {}

  get(key: string): Versioned<T> | undefined {
    const found = this.records.get(key);
    if (found) {
      this.records.delete(key);
      this.records.set(key, found);
    }
    return found;
  }

  set(key: string, record: Versioned<T>): void {
    this.records.delete(key);
    this.records.set(key, record);
    if (this.records.size > this.limit) this.records.delete(this.records.keys().next().value!);
  }

  delete(key: string): void {
    this.records.delete(key);
  }
}
