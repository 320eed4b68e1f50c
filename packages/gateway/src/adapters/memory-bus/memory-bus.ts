/** The in-process bus of a single gateway node. Delivery is asynchronous (like a network bus) and ordered per channel. */
import type { Bus, BusMessage } from '../../ports/bus.js';

export function createMemoryBus(): Bus {
  const channels = new Map<string, Set<(message: BusMessage) => void>>();
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
        if (handlers.size === 0) channels.delete(channel);
      };
    },
    async close() {
      channels.clear();
    },
  };
}
