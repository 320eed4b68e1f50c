/**
 * The WebSocket endpoint: refuses foreign origins, parses frames, answers pings, hands requests to the dispatcher,
 * watches liveness, and closes the socket of a client that reads too slowly.
 */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CloseCode, PROTOCOL_VERSION, WEBSOCKET_PATH, type ServerFrame } from '@agentsdk/protocol';
import type { Dispatcher } from '../application/dispatcher.js';
import type { Logger } from '../ports/logger.js';
import type { LiveSessions } from '../application/live-sessions.js';
import type { Connection } from '../application/operation-context.js';
import type { ConnectionCap } from '../application/connection-cap.js';
import { parseClientFrame } from './client-frame.js';
import { brief, sendError } from './http-errors.js';
import { IdleConnections } from './idle-connections.js';
import { corkForThisTurn } from './turn-batched-writes.js';
import type { GatewayMetrics } from './metrics.js';
import type { OriginPolicy } from './origin-policy.js';

export interface WebSocketEndpointOptions {
  dispatcher: Dispatcher;
  liveSessions: LiveSessions;
  logger: Logger;
  metrics: GatewayMetrics;
  /** A socket that sends nothing for this long is closed (clients ping every heartbeat interval). */
  idleTimeoutMs: number;
  /** A socket that has not signed in (or resumed) this long after opening is closed with 4103. */
  signInTimeoutMs: number;
  /** Open sockets one client address may hold (on every node of a cluster); more upgrades are answered 429. */
  connectionCap: ConnectionCap;
  /** Bytes queued for a socket beyond which the client counts as too slow and is closed with 4102. */
  sendBufferLimitBytes: number;
  origins: OriginPolicy;
}

export function registerWebSocketEndpoint(app: FastifyInstance, options: WebSocketEndpointOptions): void {
  // A browser page from a foreign origin never gets a socket: the upgrade is answered 403 before it happens.
  const preValidation = async (request: { headers: { origin?: string }; ip: string }, reply: Parameters<typeof sendError>[0]) => {
    if (!options.origins.allows(request.headers.origin)) {
      return sendError(
        reply,
        403,
        'origin_not_allowed',
        `origin ${brief(request.headers.origin ?? '')} is not allowed to open a WebSocket`,
      );
    }
    if (!(await options.connectionCap.admits(request.ip))) {
      options.metrics.connectionRefused('perAddressLimit');
      return sendError(reply, 429, 'too_many_connections', `at most ${options.connectionCap.max} open connections per client address`);
    }
  };
  const idle = new IdleConnections({
    idleTimeoutMs: options.idleTimeoutMs,
    signInTimeoutMs: options.signInTimeoutMs,
    onSignInTimeout: () => options.metrics.connectionRefused('signInTimeout'),
  });
  app.get(WEBSOCKET_PATH, { websocket: true, preValidation }, (socket, request) => {
    const version = new URL(request.url, 'http://gateway').searchParams.get('v');
    if (version !== null && version !== String(PROTOCOL_VERSION)) {
      socket.close(CloseCode.UNSUPPORTED_VERSION, `unsupported protocol version ${version}; this gateway speaks ${PROTOCOL_VERSION}`);
      return;
    }
    const sendText = (text: string) => {
      if (socket.readyState !== socket.OPEN) return;
      // What the client has not read yet stays in this process; past the limit it waits on a resume instead.
      if (socket.bufferedAmount > options.sendBufferLimitBytes) {
        options.metrics.slowConsumerClosed();
        options.logger.warn(
          { bufferedBytes: socket.bufferedAmount, sessionId: connection.session?.sessionId },
          'closing a client that reads too slowly',
        );
        socket.close(CloseCode.TOO_SLOW, 'too slow: the client is not reading its frames');
        return;
      }
      corkForThisTurn(rawStreamOf(socket));
      socket.send(text);
    };
    const connection: Connection = {
      socket: {
        send: (frame: ServerFrame) => sendText(JSON.stringify(frame)),
        sendText,
        close: (code, reason) => socket.close(code, reason),
      },
      remoteAddress: request.ip,
      host: request.headers.host ?? 'localhost',
      secure: request.protocol === 'https',
    };
    const address = request.ip;
    options.connectionCap.opened(address);
    socket.on('close', () => options.connectionCap.closed(address));
    releaseUpgradeRequest(socket, request.raw);
    serveConnection(socket, connection, options, idle);
  });
}

function serveConnection(socket: WebSocket, connection: Connection, options: WebSocketEndpointOptions, idle: IdleConnections): void {
  const { dispatcher, liveSessions, logger, metrics } = options;
  metrics.connections.inc();
  idle.opened(socket, () => connection.session !== undefined);

  // Requests of one connection run one after another, so responses and events keep the order the client caused.
  let queue = Promise.resolve();

  socket.on('message', (data, isBinary) => {
    idle.heard(socket);
    const parsed = isBinary
      ? { ok: false as const, reason: 'bad frame: binary frames are not part of the protocol' }
      : parseClientFrame(data.toString());
    if (!parsed.ok) {
      socket.close(CloseCode.PROTOCOL_ERROR, parsed.reason);
      return;
    }
    const { frame } = parsed;
    if (frame.type === 'ping') {
      connection.socket.send({ type: 'pong', ts: frame.ts });
      return;
    }
    queue = queue.then(() => dispatcher.dispatch(connection, frame));
  });

  socket.on('close', () => {
    idle.forget(socket);
    metrics.connections.dec();
    if (connection.session) liveSessions.detach(connection.session.sessionId, connection.socket);
  });
  socket.on('error', (error) => {
    logger.warn({ err: error }, 'websocket error');
    socket.terminate();
  });
}

/** The TCP stream under a `ws` socket: `ws` keeps it in `_socket`, which it documents nowhere but has kept since 1.x. */
const rawStreamOf = (socket: WebSocket) => (socket as unknown as { _socket: Duplex })._socket;

/**
 * Lets the HTTP upgrade request go once the socket is open: @fastify/websocket leaves it (headers, Fastify's request
 * and reply, a response that never finishes) reachable from the socket for the connection's life, about 2 KiB per
 * idle session. Its error listener is what holds them; ours (serveConnection) does what it did: log and terminate.
 */
function releaseUpgradeRequest(socket: WebSocket, request: IncomingMessage): void {
  socket.removeAllListeners('error');
  const response = (request.socket as { _httpMessage?: ServerResponse } | null)?._httpMessage;
  if (request.socket && response) response.detachSocket(request.socket);
}
