/** The WebSocket endpoint: parses frames, answers pings, hands requests to the dispatcher, watches liveness. */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { CloseCode, MAX_FRAME_BYTES, PROTOCOL_VERSION, WEBSOCKET_PATH, type ClientFrame, type ServerFrame } from '@agentsdk/protocol';
import type { Dispatcher } from '../application/dispatcher.js';
import type { Logger } from '../application/logger.js';
import type { LiveSessions } from '../application/live-sessions.js';
import type { Connection } from '../application/operation-context.js';
import type { GatewayMetrics } from './metrics.js';

export interface WebSocketEndpointOptions {
  dispatcher: Dispatcher;
  liveSessions: LiveSessions;
  logger: Logger;
  metrics: GatewayMetrics;
  /** A socket that sends nothing for this long is closed (clients ping every heartbeat interval). */
  idleTimeoutMs: number;
}

export function registerWebSocketEndpoint(app: FastifyInstance, options: WebSocketEndpointOptions): void {
  app.get(WEBSOCKET_PATH, { websocket: true }, (socket, request) => {
    const version = new URL(request.url, 'http://gateway').searchParams.get('v');
    if (version !== null && version !== String(PROTOCOL_VERSION)) {
      socket.close(CloseCode.UNSUPPORTED_VERSION, `unsupported protocol version ${version}; this gateway speaks ${PROTOCOL_VERSION}`);
      return;
    }
    const connection: Connection = {
      socket: {
        send: (frame: ServerFrame) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
        },
        close: (code, reason) => socket.close(code, reason),
      },
      host: request.headers.host ?? 'localhost',
      secure: request.protocol === 'https',
    };
    serveConnection(socket, connection, options);
  });
}

function serveConnection(socket: WebSocket, connection: Connection, options: WebSocketEndpointOptions): void {
  const { dispatcher, liveSessions, logger, metrics } = options;
  metrics.connections.inc();
  let lastFrameAt = Date.now();
  const idleCheck = setInterval(() => {
    if (Date.now() - lastFrameAt > options.idleTimeoutMs) socket.close(CloseCode.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
  }, Math.min(options.idleTimeoutMs, 10_000));

  // Requests of one connection run one after another, so responses and events keep the order the client caused.
  let queue = Promise.resolve();

  socket.on('message', (data, isBinary) => {
    lastFrameAt = Date.now();
    const frame = isBinary ? undefined : parseClientFrame(data.toString());
    if (!frame) {
      socket.close(CloseCode.PROTOCOL_ERROR, 'bad frame: expected a JSON request or ping');
      return;
    }
    if (frame.type === 'ping') {
      connection.socket.send({ type: 'pong', ts: frame.ts });
      return;
    }
    queue = queue.then(() => dispatcher.dispatch(connection, frame));
  });

  socket.on('close', () => {
    clearInterval(idleCheck);
    metrics.connections.dec();
    if (connection.session) liveSessions.detach(connection.session.sessionId, connection.socket);
  });
  socket.on('error', (error) => logger.warn({ err: error }, 'websocket error'));
}

function parseClientFrame(text: string): ClientFrame | undefined {
  if (text.length > MAX_FRAME_BYTES) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frame = value as Record<string, unknown>;
  if (frame.type === 'ping' && typeof frame.ts === 'number') return { type: 'ping', ts: frame.ts };
  if (frame.type === 'req' && typeof frame.id === 'string' && frame.id.length <= 64 && typeof frame.action === 'string' && frame.action.length <= 64) {
    return { type: 'req', id: frame.id, action: frame.action, params: frame.params };
  }
  return undefined;
}
