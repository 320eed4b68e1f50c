/**
 * DATABASE_URL: a gateway process on Redis (live state) and PostgreSQL (records). Calls end, their records land in
 * PostgreSQL and `/cdrs` pages through them; records of calls that end while PostgreSQL is unreachable arrive once it
 * is back, also across a clean stop; a restart adds no duplicate.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnGateway, type GatewayProcess } from './helpers/gateway-process.js';
import { metricValue } from './helpers/metrics.js';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from './helpers/postgres.js';
import { connectTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { simulatorApi } from './helpers/simulator.js';
import { openTcpRelay, type TcpRelay } from './helpers/tcp-relay.js';
import { temporaryDataDir } from './helpers/test-gateway.js';

const redis = await connectTestRedis();
if (!redis) throw new Error(`Redis at ${TEST_REDIS_URL} does not answer (.ci/run starts it)`);
let database: TestDatabase;
let relay: TcpRelay;
const redisPrefix = randomKeyPrefix();
const dataDir = temporaryDataDir();
const running: GatewayProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  relay = await openTcpRelay(Number(new URL(TEST_POSTGRES_URL).port || 5432));
});
afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.kill();
  await relay.restore();
});
afterAll(async () => {
  await relay?.close();
  await database?.drop();
  await removeKeys(redis, redisPrefix);
  await redis.quit();
  dataDir.remove();
});

/** A node of the cluster: live state in Redis, records in PostgreSQL through the relay. */
async function startNode(env: Record<string, string> = {}): Promise<GatewayProcess> {
  const databaseUrl = new URL(database.url);
  databaseUrl.port = String(relay.port);
  const gateway = await spawnGateway({
    dataDir: dataDir.path,
    env: { REDIS_URL: TEST_REDIS_URL, AGENT_GATEWAY_REDIS_PREFIX: redisPrefix, DATABASE_URL: databaseUrl.toString(), ...env },
  });
  running.push(gateway);
  return gateway;
}

/** The start's catch-up went through the records written before (each one a write that changed nothing). */
async function caughtUp(gateway: GatewayProcess, records: number): Promise<void> {
  await expect
    .poll(() => metricValue(gateway, 'agent_gateway_call_records_written_total', { result: 'kept' }))
    .toBeGreaterThanOrEqual(records);
  await expect.poll(() => metricValue(gateway, 'agent_gateway_call_records_pending')).toBe(0);
}

/** A customer calls queue 2 and hangs up while waiting: the call ends, abandoned. Its call id. */
async function abandonedCall(gateway: GatewayProcess, from: string): Promise<string> {
  const sim = simulatorApi(gateway);
  const callId = await sim.inbound('2', from);
  await expect.poll(async () => (await sim.call(callId))?.legs[0]?.state).toBe('answered');
  await sim.hangup(callId);
  return callId;
}

const archived = async () =>
  await database.query<{ call_id: string; revision: number; archived_at: Date }>(
    'SELECT call_id, revision, archived_at FROM call_records ORDER BY ended_at_ms DESC, call_id DESC',
  );
const archivedIds = async () => (await archived()).map((row) => row.call_id);

/** Every page of `/cdrs`, following `nextCursor`. */
async function allPages(gateway: GatewayProcess, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: any } = await gateway.api(
      'GET',
      `/api/v1/tenants/demo/cdrs?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(response.status).toBe(200);
    pages.push(response.body.records.map((record: { callId: string }) => record.callId));
    cursor = response.body.nextCursor;
  } while (cursor);
  return pages;
}

describe('call records in PostgreSQL (DATABASE_URL)', () => {
  const ended: string[] = [];

  it('migrates the schema at start, writes each ended call once, and /cdrs pages through PostgreSQL', async () => {
    const gateway = await startNode();
    expect(gateway.output()).toContain('records     PostgreSQL');
    expect(
      (await database.query<{ name: string }>('SELECT name FROM agent_gateway_migrations ORDER BY run_on, id')).map((row) => row.name),
    ).toEqual(['1764482400000_call-records', '1796028280834_dialer-results']);

    for (let n = 0; n < 5; n++) ended.unshift(await abandonedCall(gateway, `1380013830${n}`));
    await expect.poll(archivedIds).toEqual(ended);

    expect(await allPages(gateway, 2)).toEqual([ended.slice(0, 2), ended.slice(2, 4), ended.slice(4)]);
    const one = await gateway.api('GET', `/api/v1/tenants/demo/cdrs/${ended[0]}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ callId: ended[0], callType: 1, queueNo: '2', customerNumber: '13800138304', outcome: 'abandoned' });
    expect((await gateway.api('GET', '/api/v1/tenants/demo/cdrs/no-such-call')).status).toBe(404);
    expect(await metricValue(gateway, 'agent_gateway_call_records_written_total', { result: 'kept' })).toBeGreaterThanOrEqual(5);
    expect(await metricValue(gateway, 'agent_gateway_call_records_pending')).toBe(0);
  });

  it('keeps the records of calls that end while PostgreSQL is unreachable, and writes them when it is back', async () => {
    const gateway = await startNode();
    await caughtUp(gateway, ended.length);
    await relay.cut();
    const during: string[] = [];
    for (let n = 0; n < 3; n++) during.unshift(await abandonedCall(gateway, `1380013831${n}`));
    // Call handling goes on: the calls ended, their records wait and the failed writes are counted.
    await expect.poll(() => metricValue(gateway, 'agent_gateway_call_records_pending')).toBe(3);
    await expect.poll(() => metricValue(gateway, 'agent_gateway_call_record_write_failures_total')).toBeGreaterThan(0);

    await relay.restore();
    ended.unshift(...during);
    await expect.poll(archivedIds, { timeout: 20_000 }).toEqual(ended);
    await expect.poll(() => metricValue(gateway, 'agent_gateway_call_records_pending')).toBe(0);
    expect((await allPages(gateway, 50)).flat()).toEqual(ended);
  });

  it('a clean stop while PostgreSQL is unreachable loses no record: the next start writes them', async () => {
    const first = await startNode();
    await caughtUp(first, ended.length);
    await relay.cut();
    const during = [await abandonedCall(first, '13800138320'), await abandonedCall(first, '13800138321')].reverse();
    await expect.poll(() => metricValue(first, 'agent_gateway_call_records_pending')).toBe(2);
    // The stop waits its 5 s for PostgreSQL, then leaves the records in Redis.
    await first.stop();
    await relay.restore();
    expect(await archivedIds()).toEqual(ended);

    const second = await startNode();
    ended.unshift(...during);
    await expect.poll(archivedIds).toEqual(ended);
    expect((await allPages(second, 50)).flat()).toEqual(ended);
  }, 60_000);

  it('refuses at start a DATABASE_URL that is no PostgreSQL URL', async () => {
    await expect(spawnGateway({ dataDir: dataDir.path, env: { DATABASE_URL: 'mysql://root@127.0.0.1/records' } })).rejects.toThrow(
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
  });

  it('starts and handles calls while PostgreSQL is unreachable; /cdrs answers 503 until the schema is there', async () => {
    await relay.cut();
    const gateway = await startNode();
    const during = await abandonedCall(gateway, '13800138330');
    const refused = await gateway.api('GET', '/api/v1/tenants/demo/cdrs');
    expect(refused.status).toBe(503);
    expect(refused.body.error).toEqual({ code: 'records_unavailable', message: expect.stringContaining('ECONNREFUSED') });
    expect((await gateway.api('GET', `/api/v1/tenants/demo/cdrs/${during}`)).status).toBe(503);
    await expect.poll(() => metricValue(gateway, 'agent_gateway_call_records_pending')).toBeGreaterThanOrEqual(1);

    await relay.restore();
    ended.unshift(during);
    await expect.poll(async () => (await gateway.api('GET', '/api/v1/tenants/demo/cdrs?limit=500')).status, { timeout: 20_000 }).toBe(200);
    await expect.poll(async () => (await allPages(gateway, 50)).flat(), { timeout: 20_000 }).toEqual(ended);
    expect(await archivedIds()).toEqual(ended);
  });

  it('a restart sends recent records again without duplicating or rewriting any', async () => {
    const before = await archived();
    expect(before.map((row) => row.call_id)).toEqual(ended);
    const gateway = await startNode();
    await caughtUp(gateway, ended.length);
    expect(await archived()).toEqual(before);
    expect((await allPages(gateway, 3)).flat()).toEqual(ended);
  });
  it('a node killed with records unwritten: another node sends them once it finds the node lost', async () => {
    // Lease timings a busy machine keeps, short enough for a test.
    const lease = { AGENT_GATEWAY_LEASE_RENEW_MS: '300', AGENT_GATEWAY_LEASE_LAPSE_MS: '3000' };
    const survivor = await startNode(lease);
    const doomed = await startNode(lease);
    await caughtUp(survivor, ended.length);
    await caughtUp(doomed, ended.length);
    await relay.cut();
    const during = await abandonedCall(doomed, '13800138340');
    await expect.poll(() => metricValue(doomed, 'agent_gateway_call_records_pending')).toBe(1);
    await doomed.kill();
    await relay.restore();
    ended.unshift(during);
    await expect.poll(archivedIds, { timeout: 20_000 }).toEqual(ended);
    expect((await allPages(survivor, 50)).flat()).toEqual(ended);
  }, 60_000);
});
