/**
 * The WebSocket implementation of the script-tag build (build.mjs puts this file in place of websocket-factory.ts):
 * a page has the browser's own, and no `ws` package to fall back on.
 */
import { AgentSdkError, ErrorCodes } from './errors.js';
import type { loadWebSocket as loadWebSocketAnywhere } from './websocket-factory.js';
import type { WebSocketConstructor } from './websocket-like.js';

export const loadWebSocket: typeof loadWebSocketAnywhere = () => {
  const native = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof native === 'function') return Promise.resolve(native as WebSocketConstructor);
  return Promise.reject(
    new AgentSdkError(ErrorCodes.MISSING_DEP, 'No WebSocket implementation: this browser has no WebSocket', { dependency: 'WebSocket' }),
  );
};
