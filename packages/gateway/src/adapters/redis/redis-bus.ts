/**
 * The bus several gateway nodes share: Redis pub/sub, channel names under `keyPrefix`, messages as JSON.
 *
 * `subscriber` is a connection this bus alone subscribes on (Redis puts it in subscriber mode); `publisher` may be
 * shared. The caller owns both: `close()` unsubscribes this bus's channels and leaves the connections open.
 *
 * A node hands its own messages to its local handlers directly, in publish order, and ignores their echo from Redis:
 * a handler subscribed a moment ago sees them although Redis has not confirmed the SUBSCRIBE yet. Messages of
 * other nodes arrive in the order Redis delivers them (per publishing connection, the order they were published).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Bus, BusMessage } from '../../ports/bus.js';

interface Envelope {
  node: string;
  message: BusMessage;
}

export function createRedisBus(publisher: Redis, subscriber: Redis, keyPrefix: string): Bus {
  const node = randomUUID();
  const channels = new Map<string, Set<(message: BusMessage) => void>>();
  const redisChannel = (channel: string) => `${keyPrefix}${channel}`;

  const deliver = (channel: string, message: BusMessage) => {
    const handlers = channels.get(channel);
    if (!handlers) return;
    for (const handler of [...handlers]) queueMicrotask(() => handler(message));
  };

  const onMessage = (fullChannel: string, json: string) => {
    if (!fullChannel.startsWith(keyPrefix)) return;
    const envelope = JSON.parse(json) as Envelope;
    if (envelope.node !== node) deliver(fullChannel.slice(keyPrefix.length), envelope.message);
  };
  subscriber.on('message', onMessage);

  const ignoreFailure = (promise: Promise<unknown>) => promise.catch(() => undefined);

  return {
    async publish(channel, message) {
      deliver(channel, message);
      await publisher.publish(redisChannel(channel), JSON.stringify({ node, message } satisfies Envelope));
    },
    subscribe(channel, handler) {
      let handlers = channels.get(channel);
      if (!handlers) {
        channels.set(channel, (handlers = new Set()));
        void ignoreFailure(subscriber.subscribe(redisChannel(channel)));
      }
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
        if (handlers.size === 0 && channels.get(channel) === handlers) {
          channels.delete(channel);
          void ignoreFailure(subscriber.unsubscribe(redisChannel(channel)));
        }
      };
    },
    async close() {
      const subscribed = [...channels.keys()].map(redisChannel);
      channels.clear();
      subscriber.off('message', onMessage);
      if (subscribed.length > 0) await ignoreFailure(subscriber.unsubscribe(...subscribed));
    },
  };
}
