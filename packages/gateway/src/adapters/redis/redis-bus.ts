/**
 * The bus several gateway nodes share: Redis pub/sub, channel names under `keyPrefix`, messages as JSON.
 *
 * `subscriber` is a connection this bus alone subscribes on (Redis puts it in subscriber mode); `publisher` may be
 * shared. The caller owns both: `close()` unsubscribes this bus's channels and leaves the connections open. ioredis
 * subscribes again after a reconnect (a Redis restart).
 *
 * A node hands its own messages to its local handlers directly, in publish order, and ignores their echo from Redis:
 * a handler subscribed a moment ago sees them although Redis has not confirmed the SUBSCRIBE yet. Messages of
 * other nodes arrive in the order Redis delivers them (per publishing connection, the order they were published).
 *
 * Requests to a node go to `<prefix>node.<nodeId>`; the answer comes back on `<prefix>reply.<bus id>`. A PUBLISH
 * that reaches no subscriber means no node serves the id.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Bus, BusMessage, NodeRequest } from '../../ports/bus.js';
import { NodeRequestFailedError, NodeRequestTimeoutError, NodeUnreachableError } from '../../ports/node-request-errors.js';

interface Envelope {
  node: string;
  message: BusMessage;
}

interface RequestEnvelope {
  id: string;
  replyTo: string;
  request: NodeRequest;
}

interface ReplyEnvelope {
  id: string;
  error?: string;
}

interface Pending {
  nodeId: string;
  resolve(): void;
  reject(error: Error): void;
}

export function createRedisBus(publisher: Redis, subscriber: Redis, keyPrefix: string): Bus {
  const node = randomUUID();
  const channels = new Map<string, Set<(message: BusMessage) => void>>();
  const servers = new Map<string, (request: NodeRequest) => Promise<void>>();
  const pending = new Map<string, Pending>();
  const redisChannel = (channel: string) => `${keyPrefix}${channel}`;
  const nodeChannel = (nodeId: string) => redisChannel(`node.${nodeId}`);
  const replyChannel = (busId: string) => redisChannel(`reply.${busId}`);
  let repliesSubscribed: Promise<unknown> | undefined;

  const deliver = (channel: string, message: BusMessage) => {
    const handlers = channels.get(channel);
    if (!handlers) return;
    for (const handler of [...handlers]) queueMicrotask(() => handler(message));
  };

  const serveRequest = (handler: (request: NodeRequest) => Promise<void>, json: string) => {
    const { id, replyTo, request } = JSON.parse(json) as RequestEnvelope;
    void handler(request)
      .then(
        (): ReplyEnvelope => ({ id }),
        (error: unknown): ReplyEnvelope => ({ id, error: error instanceof Error ? error.message : String(error) }),
      )
      .then((reply) => ignoreFailure(publisher.publish(replyChannel(replyTo), JSON.stringify(reply))));
  };

  const settle = (json: string) => {
    const reply = JSON.parse(json) as ReplyEnvelope;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error === undefined) waiting.resolve();
    else waiting.reject(new NodeRequestFailedError(waiting.nodeId, reply.error));
  };

  const onMessage = (fullChannel: string, json: string) => {
    if (!fullChannel.startsWith(keyPrefix)) return;
    if (fullChannel === replyChannel(node)) return settle(json);
    const channel = fullChannel.slice(keyPrefix.length);
    if (channel.startsWith('node.')) {
      const handler = servers.get(channel.slice('node.'.length));
      if (handler) serveRequest(handler, json);
      return;
    }
    const envelope = JSON.parse(json) as Envelope;
    if (envelope.node !== node) deliver(channel, envelope.message);
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
    async request(nodeId, request, timeoutMs) {
      const local = servers.get(nodeId);
      if (local) {
        await local(structuredClone(request)).catch((error: unknown) => {
          throw new NodeRequestFailedError(nodeId, error instanceof Error ? error.message : String(error));
        });
        return;
      }
      const id = randomUUID();
      let timer: NodeJS.Timeout | undefined;
      const answered = new Promise<void>((resolve, reject) => {
        pending.set(id, { nodeId, resolve, reject });
        timer = setTimeout(() => {
          pending.delete(id);
          reject(new NodeRequestTimeoutError(nodeId, timeoutMs));
        }, timeoutMs);
      }).finally(() => clearTimeout(timer));
      const abandon = () => {
        pending.delete(id);
        clearTimeout(timer);
      };
      // The deadline counts from here: a Redis that does not answer makes the request late, not endless.
      const sent = (async () => {
        await (repliesSubscribed ??= subscriber.subscribe(replyChannel(node)).catch((error: unknown) => {
          repliesSubscribed = undefined;
          throw error;
        }));
        const envelope: RequestEnvelope = { id, replyTo: node, request };
        return publisher.publish(nodeChannel(nodeId), JSON.stringify(envelope));
      })();
      sent.catch(() => undefined); // a failure after the deadline has nobody left to tell
      const receivers = await Promise.race([sent, answered.then(() => 1)]).catch((error: unknown) => {
        abandon();
        throw error;
      });
      if (receivers === 0) {
        abandon();
        throw new NodeUnreachableError(nodeId);
      }
      await answered;
    },
    async serve(nodeId, handler) {
      servers.set(nodeId, handler);
      await subscriber.subscribe(nodeChannel(nodeId));
      return () => {
        if (servers.get(nodeId) !== handler) return;
        servers.delete(nodeId);
        void ignoreFailure(subscriber.unsubscribe(nodeChannel(nodeId)));
      };
    },
    async close() {
      const subscribed = [...channels.keys()].map(redisChannel);
      for (const nodeId of servers.keys()) subscribed.push(nodeChannel(nodeId));
      if (repliesSubscribed) subscribed.push(replyChannel(node));
      channels.clear();
      servers.clear();
      for (const waiting of pending.values()) waiting.reject(new NodeUnreachableError(waiting.nodeId));
      pending.clear();
      subscriber.off('message', onMessage);
      if (subscribed.length > 0) await ignoreFailure(subscriber.unsubscribe(...subscribed));
    },
  };
}
