/**
 * An HTTP response leaves only after the writes made so far are committed (../turn-end.ts): what the API tells a
 * client (an issued session key, a revocation) is never something a crash could still lose.
 */
import type { FastifyInstance } from 'fastify';
import { commitNow } from '../adapters/event-loop/turn-end.js';

export function registerCommitBeforeReply(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, _reply, payload) => {
    commitNow();
    return payload;
  });
}
