import type { FastifyInstance, FastifyReply } from 'fastify';

/** Every HTTP error body is `{ "error": { "code", "message" } }`. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

/** Fastify's own errors (malformed JSON, too large a body) and unknown routes answer in the same shape. */
export function registerHttpErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) return sendError(reply, 500, 'internal_error', 'internal error: try again later');
    return sendError(reply, status, 'bad_request', error.message);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
}
