/** `/sip`: the SIP-over-WebSocket endpoint (RFC 7118, subprotocol `sip`) softphones register on. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../ports/logger.js';
import type { SipEdge } from './sip-edge.js';
import type { SipConnection } from './sip-registrar.js';

export const SIP_WEBSOCKET_PATH = '/sip';

/** Whether a page of `origin` may open the socket (the same policy as the gateway's `/ws`). */
export type OriginCheck = (origin: string | undefined) => boolean;

export function registerSipEndpoint(app: FastifyInstance, edge: SipEdge, logger: Logger, allowsOrigin: OriginCheck = () => true): void {
  const preValidation = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!allowsOrigin(request.headers.origin)) {
      return reply
        .code(403)
        .send({ error: { code: 'origin_not_allowed', message: `origin ${request.headers.origin} is not allowed to open a WebSocket` } });
    }
  };
  app.get(SIP_WEBSOCKET_PATH, { websocket: true, preValidation }, (socket) => {
    const connection: SipConnection = {
      id: randomUUID(),
      send: (text) => {
        if (socket.readyState === socket.OPEN) socket.send(text);
      },
      close: () => socket.close(1001, 'gateway closing the SIP connection'),
      get isOpen() {
        return socket.readyState === socket.OPEN;
      },
    };
    edge.connected(connection);
    // Messages of one socket are handled in order: a REGISTER's credential lookup must not let later traffic overtake it.
    let queue = Promise.resolve();
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      queue = queue
        .then(() => edge.receive(connection, text))
        .catch((error: unknown) => logger.error({ err: error }, 'sip: handling a message failed'));
    });
    socket.on('close', () => edge.disconnected(connection));
    socket.on('error', (error) => logger.warn({ err: error }, 'sip: websocket error'));
  });
}
