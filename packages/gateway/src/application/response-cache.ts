/**
 * The responses to a session's latest requests, by request id: a request repeated after a reconnect (same session,
 * same id) is answered with the first run's response instead of running again, and a repeat that arrives while the
 * first run is still going waits for it.
 */
import type { ResponseFrame } from '@agentsdk/protocol';

export interface CachedResponse {
  action: string;
  response: Promise<ResponseFrame>;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();

  constructor(private readonly limit: number) {}

  get(id: string): CachedResponse | undefined {
    return this.entries.get(id);
  }

  /** Remembers the (coming) response to request `id`; the oldest entry goes beyond the limit. */
  remember(id: string, action: string, response: Promise<ResponseFrame>): void {
    this.entries.delete(id);
    this.entries.set(id, { action, response });
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
