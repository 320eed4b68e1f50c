/**
 * The WebSocket implementation: the platform's own in browsers (and Node >= 22), the `ws` package on Node 20.
 * `ws` is imported only when needed and stays external to the bundles.
 */
import { AgentSdkError, ErrorCodes } from './errors.js';

/** The part of the WHATWG WebSocket API the SDK uses; `ws` implements it too. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drop the TCP connection without a closing handshake. */
  terminate?(): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `readyState` of an open socket, the same in every implementation. */
export const WEBSOCKET_OPEN = 1;

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
