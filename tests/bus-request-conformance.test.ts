/**
 * Every Bus adapter must also pass these cases (tests/bus-conformance.test.ts has the delivery ones): requests to the node that serves an id (call control forwarded to the
 * node holding a call's legs). Each adapter is one entry of ADAPTERS: a node that serves, one that asks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryBus, type Bus } from '@agentsdk/gateway';
import { createRedisBus } from '../packages/gateway/src/adapters/redis/redis-bus.js';
import type { NodeRequest } from '../packages/gateway/src/ports/bus.js';
import {
  NodeRequestFailedError,
  NodeRequestTimeoutError,
  NodeUnreachableError,
} from '../packages/gateway/src/ports/node-request-errors.js';
import { connectTestRedis, extraTestRedis, randomKeyPrefix, TEST_REDIS_URL } from './helpers/redis.js';

const redis = await connectTestRedis();
const connections: Redis[] = [];
const buses: Bus[] = [];

interface TwoNodes {
  serving: Bus;
  asking: Bus;
}

const ADAPTERS: Record<string, () => TwoNodes> = {
  memory: () => {
    const bus = createMemoryBus();
    buses.push(bus);
    return { serving: bus, asking: bus };
  },
  ...(redis && {
    redis: () => {
      const prefix = randomKeyPrefix();
      const redisBus = () => {
        const subscriber = extraTestRedis();
        connections.push(subscriber);
        const bus = createRedisBus(redis, subscriber, prefix);
        buses.push(bus);
        return bus;
      };
      return { serving: redisBus(), asking: redisBus() };
    },
  }),
};

afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  await Promise.all([...connections, ...(redis ? [redis] : [])].map((connection) => connection.quit()));
});

const DTMF: NodeRequest = { kind: 'sendDtmf', legId: 'leg-1', digits: '123#', timing: { durationMs: 100, gapMs: 50 } };

describe.each(Object.keys(ADAPTERS))(`bus %s${redis ? '' : ` (redis skipped: ${TEST_REDIS_URL} does not answer)`}`, (name) => {
  const nodes = () => ADAPTERS[name]!();

  it('has the serving node handle a request and resolves once it has', async () => {
    const { serving, asking } = nodes();
    const handled: NodeRequest[] = [];
    await serving.serve('boot-b', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      handled.push(request);
    });
    await asking.request('boot-b', DTMF, 2_000);
    expect(handled).toEqual([DTMF]);
  });

  it('answers requests to one node in the order they were sent', async () => {
    const { serving, asking } = nodes();
    const handled: string[] = [];
    await serving.serve('boot-b', async (request) => {
      if (request.kind === 'sendDtmf') handled.push(request.digits);
    });
    await Promise.all(['1', '2', '3', '4'].map((digits) => asking.request('boot-b', { ...DTMF, digits }, 2_000)));
    expect(handled).toEqual(['1', '2', '3', '4']);
  });

  it('rejects with NodeUnreachableError when no node serves the id, or no longer does', async () => {
    const { serving, asking } = nodes();
    await expect(asking.request('boot-gone', DTMF, 2_000)).rejects.toBeInstanceOf(NodeUnreachableError);
    const stop = await serving.serve('boot-b', async () => undefined);
    await asking.request('boot-b', DTMF, 2_000);
    stop();
    await expect
      .poll(() =>
        asking.request('boot-b', DTMF, 2_000).then(
          () => 'served',
          (error) => error.name,
        ),
      )
      .toBe('NodeUnreachableError');
  });

  it('rejects with NodeRequestFailedError naming what failed', async () => {
    const { serving, asking } = nodes();
    await serving.serve('boot-b', async () => {
      throw new Error('no such leg');
    });
    const failure = await asking.request('boot-b', DTMF, 2_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NodeRequestFailedError);
    expect((failure as Error).message).toBe('node boot-b failed the request: no such leg');
  });

  it('rejects with NodeRequestTimeoutError when the answer is late', async () => {
    const { serving, asking } = nodes();
    let release: () => void = () => undefined;
    await serving.serve('boot-b', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(asking.request('boot-b', DTMF, 100)).rejects.toBeInstanceOf(NodeRequestTimeoutError);
    release();
  });
});
