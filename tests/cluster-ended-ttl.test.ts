/**
 * Redis keeps live state only: an ended call (its hash, its request index, its entry in the ended index) and an
 * ended session leave Redis a set time after they ended, while active calls and live sessions stay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedisBus, openRedisLimits, openRedisStore } from '@agentsdk/gateway';
import { closeClients, signIn } from './helpers/agent-client.js';
import { callRecordOf, connectedInboundCall } from './helpers/calls.js';
import { connectTestRedis, extraTestRedis, randomKeyPrefix, removeKeys, TEST_REDIS_URL } from './helpers/redis.js';
import { simulatorApi } from './helpers/simulator.js';
import { RELAXED_RATE_LIMITS, startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const redis = await connectTestRedis();
const prefix = randomKeyPrefix();
const ENDED_TTL_MS = 1_500;
let subscriber: Redis;
let gateway: TestGateway;

beforeAll(async () => {
  if (!redis) return;
  subscriber = extraTestRedis();
  gateway = await startTestGateway({
    store: openRedisStore(redis, prefix, { endedTtlMs: ENDED_TTL_MS }),
    bus: createRedisBus(redis, subscriber, prefix),
    limits: openRedisLimits(redis, prefix),
    rateLimits: RELAXED_RATE_LIMITS,
  });
});
afterAll(async () => {
  closeClients();
  if (!redis) return;
  await gateway?.close();
  await removeKeys(redis, prefix);
  await Promise.all([redis.quit(), subscriber.quit()]);
});

const exists = (key: string) => redis!.exists(key);
const endedIndex = () => redis!.zrange(`${prefix}calls:ended:demo`, 0, -1);

describe.skipIf(!redis)(`ended calls in Redis${redis ? '' : ` (skipped: Redis at ${TEST_REDIS_URL} does not answer)`}`, { timeout: 20_000 }, () => {
  it('expire with their indexes after the configured time; the active call and the live session stay', async () => {
    const sim = simulatorApi(gateway);
    const first = await connectedInboundCall(gateway, sim, '1001', '0', '13800139001');
    await sim.hangup(first.callId);
    await first.agent.log.waitFor('sessionTerminate', (e) => e.callId === first.callId);
    expect((await callRecordOf(gateway, first.callId)).callId).toBe(first.callId);
    const ttl = await redis!.pttl(`${prefix}call:${first.callId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(ENDED_TTL_MS);

    const staying = await signIn(gateway, '1002');
    const active = await sim.inbound('0', '13800139002');
    await staying.log.waitFor('sessionInit', (e) => e.callId === active);
    const sessionId = (await gateway.services.agents.current('demo', '1002')).sessionId!;

    await expect.poll(() => exists(`${prefix}call:${first.callId}`), { timeout: 5_000 }).toBe(0);
    expect((await gateway.api('GET', '/api/v1/tenants/demo/cdrs?limit=50')).body.records.map((r: any) => r.callId)).not.toContain(first.callId);
    expect(await exists(`${prefix}call:${active}`)).toBe(1);
    expect(await redis!.pttl(`${prefix}call:${active}`)).toBe(-1);
    expect(await exists(`${prefix}session:${sessionId}`)).toBe(1);

    // The next call to end trims the ended index of calls that ended longer ago than the TTL.
    expect(await endedIndex()).toContain(first.callId);
    await sim.hangup(active);
    await staying.log.waitFor('sessionTerminate', (e) => e.callId === active);
    await expect.poll(endedIndex).toEqual([active]);
  });

  it('expires an ended session, not a live one', async () => {
    const agent = await signIn(gateway, '1003');
    const sessionId = (await gateway.services.agents.current('demo', '1003')).sessionId!;
    expect(await redis!.pttl(`${prefix}session:${sessionId}`)).toBe(-1);
    expect(await agent.sdk.logout({ logoutMode: 1 })).toMatchObject({ code: 0 });
    await expect.poll(() => redis!.pttl(`${prefix}session:${sessionId}`)).toBeGreaterThan(0);
    await expect.poll(() => exists(`${prefix}session:${sessionId}`), { timeout: 5_000 }).toBe(0);
  });
});
