/**
 * Every Bus adapter must pass these cases (ports/bus.ts); each adapter is one entry of ADAPTERS, each case one entry
 * of BUS_CASES. Cases that need a second node on the same medium (two gateways sharing Redis) run where the adapter
 * can open one.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import { wireEvent } from '@agentsdk/protocol';
import { createMemoryBus } from '../packages/gateway/src/adapters/memory-bus/memory-bus.js';
import { createRedisBus } from '../packages/gateway/src/adapters/redis/redis-bus.js';
import type { Bus, BusMessage } from '../packages/gateway/src/ports/bus.js';
import { connectTestRedis, extraTestRedis, randomKeyPrefix, TEST_REDIS_URL } from './helpers/redis.js';
import { expectNothingWithin } from './helpers/waiting.js';

/** One adapter under test: a bus, and where the medium is shared, the buses of other nodes on it. */
interface BusUnderTest {
  bus: Bus;
  /** Another node's bus on the same medium; absent for a bus that lives in one process. */
  openPeer?: () => Promise<Bus>;
  /** Resolves once `count` subscriptions to `channel` reached the medium (Redis confirms SUBSCRIBE asynchronously). */
  subscribed(channel: string, count: number): Promise<void>;
}

const redis = await connectTestRedis();
const cleanups: (() => Promise<unknown>)[] = [];

/** Each adapter, and whether it joins nodes (then its buses open peers). */
const ADAPTERS: Record<string, { joinsNodes: boolean; open: () => Promise<BusUnderTest> }> = {
  memory: {
    joinsNodes: false,
    open: async () => {
      const bus = createMemoryBus();
      cleanups.push(() => bus.close());
      return { bus, subscribed: async () => undefined };
    },
  },
  ...(redis && {
    redis: {
      joinsNodes: true,
      open: async () => {
        const prefix = randomKeyPrefix();
        const openNode = async () => {
          const subscriber = extraTestRedis();
          // A connection still starting up mixes its ready check into subscriber mode.
          if (subscriber.status !== 'ready') await new Promise((resolve) => subscriber.once('ready', resolve));
          const bus = createRedisBus(redis, subscriber, prefix);
          cleanups.push(async () => {
            await bus.close();
            subscriber.disconnect();
          });
          return bus;
        };
        return {
          bus: await openNode(),
          openPeer: openNode,
          subscribed: (channel, count) => subscriptionsReached(redis, `${prefix}${channel}`, count),
        };
      },
    },
  }),
};

async function subscriptionsReached(client: Redis, channel: string, count: number): Promise<void> {
  await vi.waitFor(async () => {
    const [, subscribers] = (await client.pubsub('NUMSUB', channel)) as [string, number];
    expect(Number(subscribers)).toBeGreaterThanOrEqual(count);
  });
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => redis?.quit());

/** The messages a handler received on `channel`, and its unsubscribe. */
function inbox(bus: Bus, channel: string) {
  const messages: BusMessage[] = [];
  const unsubscribe = bus.subscribe(channel, (message) => messages.push(message));
  return { messages, unsubscribe };
}

const event = (n: number, sessionId?: string): BusMessage => ({
  kind: 'event',
  ...wireEvent('kickOut', { eventType: 'kickOut', reason: 'loggedInElsewhere', sessionId: `s${n}` }),
  ...(sessionId === undefined ? {} : { sessionId }),
});

/** One of each kind of message, with every optional field. */
const EVERY_KIND: BusMessage[] = [
  event(1),
  event(2, 'session-2'),
  {
    kind: 'event',
    ...wireEvent('callHeld', {
      eventType: 'callHeld',
      callId: 'c1',
      callType: 1,
      customerNumber: '13800000000',
      chanVariables: [{ name: 'a', value: 'b' }],
      queueNo: 'q1',
    }),
  },
  { kind: 'endSession', sessionId: 'session-3', closeCode: 4001, reason: 'kicked out' },
  { kind: 'sessionAttached', sessionId: 'session-4', nodeId: 'node-b' },
];

interface BusCase {
  name: string;
  /** Needs a second node on the same medium. */
  twoNodes?: boolean;
  run(under: BusUnderTest): Promise<void>;
}

const BUS_CASES: BusCase[] = [
  {
    name: 'delivers a message to the subscribers of its channel only',
    async run({ bus }) {
      const a = inbox(bus, 'agent.t1.1001');
      const b = inbox(bus, 'agent.t1.1002');
      await bus.publish('agent.t1.1001', event(1));
      // Published after, so once it arrived the first one was delivered wherever it was going to be.
      await bus.publish('agent.t1.1002', event(2));
      await vi.waitFor(() => expect(b.messages).toEqual([event(2)]));
      expect(a.messages).toEqual([event(1)]);
    },
  },
  {
    name: 'keeps the publish order of one channel',
    async run({ bus }) {
      const a = inbox(bus, 'agent.t1.1001');
      const sent = Array.from({ length: 50 }, (_, n) => event(n));
      await Promise.all(sent.map((message) => bus.publish('agent.t1.1001', message)));
      await vi.waitFor(() => expect(a.messages).toHaveLength(50));
      expect(a.messages).toEqual(sent);
    },
  },
  {
    name: 'gives every subscriber of a channel every message',
    async run({ bus }) {
      const first = inbox(bus, 'agent.t1.1001');
      const second = inbox(bus, 'agent.t1.1001');
      for (const n of [1, 2, 3]) await bus.publish('agent.t1.1001', event(n));
      await vi.waitFor(() => expect(second.messages).toHaveLength(3));
      await vi.waitFor(() => expect(first.messages).toHaveLength(3));
      expect(first.messages).toEqual([event(1), event(2), event(3)]);
      expect(second.messages).toEqual(first.messages);
    },
  },
  {
    name: 'stops delivering to a handler once it unsubscribed; the others go on',
    async run({ bus }) {
      const leaving = inbox(bus, 'agent.t1.1001');
      const staying = inbox(bus, 'agent.t1.1001');
      await bus.publish('agent.t1.1001', event(1));
      await vi.waitFor(() => expect(leaving.messages).toEqual([event(1)]));
      leaving.unsubscribe();
      await bus.publish('agent.t1.1001', event(2));
      await vi.waitFor(() => expect(staying.messages).toEqual([event(1), event(2)]));
      expect(leaving.messages).toEqual([event(1)]);
    },
  },
  {
    name: 'delivers nothing on a channel whose last handler unsubscribed, and again to a new subscriber',
    async run({ bus }) {
      const gone = inbox(bus, 'agent.t1.1001');
      const marker = inbox(bus, 'agent.t1.1002');
      gone.unsubscribe();
      await bus.publish('agent.t1.1001', event(1));
      await bus.publish('agent.t1.1002', event(2));
      await vi.waitFor(() => expect(marker.messages).toEqual([event(2)]));
      expect(gone.messages).toEqual([]);
      const back = inbox(bus, 'agent.t1.1001');
      await bus.publish('agent.t1.1001', event(3));
      await vi.waitFor(() => expect(back.messages).toEqual([event(3)]));
    },
  },
  {
    name: 'an unsubscribe called again does not stop a later subscriber of the channel',
    async run({ bus }) {
      const first = inbox(bus, 'agent.t1.1001');
      first.unsubscribe();
      const later = inbox(bus, 'agent.t1.1001');
      first.unsubscribe();
      await bus.publish('agent.t1.1001', event(1));
      await vi.waitFor(() => expect(later.messages).toEqual([event(1)]));
    },
  },
  {
    name: 'returns every kind of message unchanged',
    async run({ bus }) {
      const a = inbox(bus, 'agent.t1.1001');
      for (const message of EVERY_KIND) await bus.publish('agent.t1.1001', message);
      await vi.waitFor(() => expect(a.messages).toHaveLength(EVERY_KIND.length));
      expect(a.messages).toStrictEqual(EVERY_KIND);
    },
  },
  {
    name: 'close() stops delivery and may be called twice',
    async run({ bus }) {
      const a = inbox(bus, 'agent.t1.1001');
      await bus.close();
      await bus.close();
      await bus.publish('agent.t1.1001', event(1)).catch(() => undefined);
      // Nothing may arrive, and there is no later message to wait for on a closed bus: a bounded wait.
      await expectNothingWithin(200, () => expect(a.messages).toEqual([]));
    },
  },
  {
    name: 'carries messages between two nodes, in publish order, every kind unchanged',
    twoNodes: true,
    async run({ bus, openPeer, subscribed }) {
      const peer = await openPeer!();
      const there = inbox(peer, 'agent.t1.1001');
      await subscribed('agent.t1.1001', 1);
      for (const message of EVERY_KIND) await bus.publish('agent.t1.1001', message);
      await vi.waitFor(() => expect(there.messages).toHaveLength(EVERY_KIND.length));
      expect(there.messages).toStrictEqual(EVERY_KIND);
    },
  },
  {
    name: "a node hears its own messages once, and the other node's too",
    twoNodes: true,
    async run({ bus, openPeer, subscribed }) {
      const peer = await openPeer!();
      const here = inbox(bus, 'agent.t1.1001');
      const there = inbox(peer, 'agent.t1.1001');
      await subscribed('agent.t1.1001', 2);
      for (const n of [1, 2, 3]) await bus.publish('agent.t1.1001', event(n));
      await vi.waitFor(() => expect(there.messages).toHaveLength(3));
      // The peer's reply reaches this node after any echo of this node's own messages would have.
      await peer.publish('agent.t1.1001', event(4));
      await vi.waitFor(() => expect(here.messages).toHaveLength(4));
      expect(here.messages).toEqual([event(1), event(2), event(3), event(4)]);
      await vi.waitFor(() => expect(there.messages).toEqual([event(1), event(2), event(3), event(4)]));
    },
  },
  {
    name: 'a closed node no longer hears the other node',
    twoNodes: true,
    async run({ bus, openPeer, subscribed }) {
      const peer = await openPeer!();
      const closing = inbox(peer, 'agent.t1.1001');
      const third = await openPeer!();
      const witness = inbox(third, 'agent.t1.1001');
      await subscribed('agent.t1.1001', 2);
      await peer.close();
      await bus.publish('agent.t1.1001', event(1));
      await vi.waitFor(() => expect(witness.messages).toEqual([event(1)]));
      // The witness heard it; the closed node's connection would have had it by about now: a bounded wait.
      await expectNothingWithin(200, () => expect(closing.messages).toEqual([]));
    },
  },
];

if (!redis) {
  describe('Bus adapter redis', () => it.skip(`is skipped: Redis at ${TEST_REDIS_URL} does not answer`, () => undefined));
}

describe.each(Object.entries(ADAPTERS))('Bus adapter %s', (_name, { joinsNodes, open }) => {
  for (const busCase of BUS_CASES.filter((candidate) => joinsNodes || !candidate.twoNodes)) {
    it(busCase.name, async () => busCase.run(await open()));
  }
});
