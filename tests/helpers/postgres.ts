/**
 * The PostgreSQL the records tests share (CI starts it on 127.0.0.1:5432, trust auth, user postgres): a database of
 * its own per test file, dropped at the end. No PostgreSQL is a failure, not a skip: .ci/run starts one.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.AGENT_GATEWAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL on the test database (a connection per call). */
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>, url = TEST_POSTGRES_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${url} does not answer (.ci/run starts it): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `agent_gateway_test_${randomUUID().replaceAll('-', '')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    query: (sql, values) => onServer(async (client) => (await client.query(sql, values)).rows, url.toString()),
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
