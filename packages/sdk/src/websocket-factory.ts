/**
 * The WebSocket implementation of the npm builds: the platform's own in browsers (and Node >= 22), the `ws` package on
 * Node 20. `ws` is imported only when needed and stays external to the bundles. The script-tag build, for pages only,
 * has websocket-factory-browser.ts in this file's place.
 */
import { AgentSdkError, ErrorCodes } from './errors.js';
import type { WebSocketConstructor } from './websocket-like.js';

let wsPackage: Promise<WebSocketConstructor> | undefined;

export function loadWebSocket(): Promise<WebSocketConstructor> {
  const native = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof native === 'function') return Promise.resolve(native as WebSocketConstructor);
  wsPackage ??= importWsPackage().catch((error: unknown) => {
    wsPackage = undefined;
    throw error;
  });
  return wsPackage;
}

async function importWsPackage(): Promise<WebSocketConstructor> {
  let webSocketClass: unknown;
  try {
    const module = (await import('ws')) as { WebSocket?: unknown; default?: unknown };
    webSocketClass = module.WebSocket ?? module.default;
  } catch (error) {
    throw missingWebSocket(error);
  }
  if (typeof webSocketClass !== 'function') throw missingWebSocket(undefined);
  return webSocketClass as WebSocketConstructor;
}

function missingWebSocket(cause: unknown): AgentSdkError {
  const reason = cause instanceof Error ? `: ${cause.message}` : '';
  return new AgentSdkError(
    ErrorCodes.MISSING_DEP,
    `No WebSocket implementation: this runtime has no global WebSocket and the ws package could not be loaded${reason}`,
    { dependency: 'ws' },
  );
}
