/**
 * Brings a PostgreSQL database to the gateway's schema: the SQL files of packages/gateway/migrations, in order, with
 * node-pg-migrate. Nodes starting together take turns (an advisory lock); each file runs once per database.
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { Logger } from '../../ports/logger.js';

/** Shipped beside dist/ (and src/), in the gateway package. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
export const MIGRATIONS_TABLE = 'agent_gateway_migrations';

/** Runs the migrations not run yet; the names of those it ran. */
export async function migrateSchema(databaseUrl: string, logger?: Logger): Promise<string[]> {
  const ran = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
    direction: 'up',
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    logger: quietLogger(logger),
  });
  return ran.map((migration) => migration.name);
}

function quietLogger(logger: Logger | undefined) {
  const debug = (message: string) => logger?.debug({ migration: message }, 'schema migration');
  return {
    debug,
    info: debug,
    warn: (message: string) => logger?.warn({ migration: message }, 'schema migration'),
    error: (message: string) => logger?.error({ migration: message }, 'schema migration'),
  };
}
