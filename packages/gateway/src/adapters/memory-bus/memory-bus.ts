/** The in-process bus of a single gateway node. Delivery is asynchronous (like a network bus) and ordered per channel. */
import type { Bus, BusMessage, NodeRequest } from '../../ports/bus.js';
import { NodeRequestFailedError, NodeRequestTimeoutError, NodeUnreachableError } from '../../ports/node-request-errors.js';

export function createMemoryBus(): Bus {
  const channels = new Map<string, Set<(message: BusMessage) => void>>();
  const servers = new Map<string, (request: NodeRequest) => Promise<void>>();
  return {
    async publish(channel, message) {
      const handlers = channels.get(channel);
      if (!handlers) return;
      for (const handler of [...handlers]) queueMicrotask(() => handler(message));
    },
    subscribe(channel, handler) {
      let handlers = channels.get(channel);
      if (!handlers) channels.set(channel, (handlers = new Set()));
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
        // Called again after a later subscriber made a new entry: that entry is not this one's to remove.
        if (handlers.size === 0 && channels.get(channel) === handlers) channels.delete(channel);
      };
    },
    async request(nodeId, request, timeoutMs) {
      const handler = servers.get(nodeId);
      if (!handler) throw new NodeUnreachableError(nodeId);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new NodeRequestTimeoutError(nodeId, timeoutMs)), timeoutMs);
      });
      const handled = handler(structuredClone(request)).catch((error: unknown) => {
        throw new NodeRequestFailedError(nodeId, error instanceof Error ? error.message : String(error));
      });
      try {
        await Promise.race([handled, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async serve(nodeId, handler) {
      servers.set(nodeId, handler);
      return () => {
        if (servers.get(nodeId) === handler) servers.delete(nodeId);
      };
    },
    async close() {
      channels.clear();
      servers.clear();
    },
  };
}
