/**
 * One structured line per HTTP request, with Fastify's request id. It names the route pattern, never the raw URL: a
 * revocation URL carries the session key it revokes.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../ports/logger.js';

export function registerHttpAccessLog(app: FastifyInstance, logger: Logger): void {
  app.addHook('onResponse', async (request, reply) => {
    const tenantId = (request.params as { tenantId?: unknown } | undefined)?.tenantId;
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        tenantId: typeof tenantId === 'string' ? tenantId : undefined,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'http',
    );
  });
}
