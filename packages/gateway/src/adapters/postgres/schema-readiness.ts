/**
 * The call records' schema, migrated before the first query. PostgreSQL being down when a gateway starts must not keep
 * the gateway from handling calls: the first attempt is awaited, later ones follow in the background with growing
 * pauses, and until one succeeds the records answer `CallRecordsUnavailableError` (writes wait in the outbox).
 */
import { CallRecordsUnavailableError } from '../../ports/call-records.js';
import type { Logger } from '../../ports/logger.js';
import { migrateSchema } from './schema-migrations.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export class SchemaReadiness {
  private ready = false;
  private lastError: Error | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger?: Logger,
  ) {}

  /** Tries once; on failure, keeps trying in the background. */
  async start(): Promise<void> {
    await this.attempt(FIRST_RETRY_MS);
  }

  /** Throws `CallRecordsUnavailableError` until the schema is migrated. */
  check(): void {
    if (this.ready) return;
    throw new CallRecordsUnavailableError(
      `the call records are not available yet: ${this.lastError?.message ?? 'the schema is being migrated'}`,
    );
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async attempt(nextRetryMs: number): Promise<void> {
    try {
      const ran = await migrateSchema(this.databaseUrl, this.logger);
      this.ready = true;
      this.logger?.info({ migrations: ran }, 'call records schema migrated');
    } catch (error) {
      this.lastError = error as Error;
      this.logger?.error({ err: error, retryInMs: nextRetryMs }, 'migrating the call records schema failed (DATABASE_URL)');
      if (this.stopped) return;
      this.retry = setTimeout(() => void this.attempt(Math.min(MAX_RETRY_MS, nextRetryMs * 2)), nextRetryMs);
    }
  }
}
