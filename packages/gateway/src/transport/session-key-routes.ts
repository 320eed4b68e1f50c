/** POST/DELETE /api/v1/tenants/{tenantId}/session-keys: issue and revoke session keys, server to server. */
import type { FastifyInstance } from 'fastify';
import { IssueSessionKeyBodySchema, type IssuedSessionKey, type RevokedSessionKey } from '@agentsdk/protocol';
import * as v from 'valibot';
import type { GatewayServices } from '../application/operation-context.js';
import { findAgent } from '../domain/tenant.js';
import { issueMessage, sendError } from './http-errors.js';
import { authorizeTenant } from './tenant-auth.js';

type TenantRoute = { Params: { tenantId: string } };

export function registerSessionKeyRoutes(
  app: FastifyInstance,
  services: GatewayServices,
  endSessionsOfKey: (keyHash: string) => Promise<number>,
): void {
  app.post<TenantRoute>('/api/v1/tenants/:tenantId/session-keys', async (request, reply) => {
    const tenant = authorizeTenant(services.tenants, request, reply);
    if (!tenant) return reply;
    const body = v.safeParse(IssueSessionKeyBodySchema, request.body ?? {});
    if (!body.success) {
      return sendError(reply, 400, 'bad_request', issueMessage(body.issues));
    }
    if (!findAgent(tenant, body.output.agentNo)) return sendError(reply, 404, 'no_such_agent', `no such agent: ${body.output.agentNo}`);
    const issued = await services.sessionKeys.issue(tenant.tenantId, body.output.agentNo, body.output.ttlSeconds);
    const answer: IssuedSessionKey = { sessionKey: issued.sessionKey, expiresAt: new Date(issued.expiresAt).toISOString() };
    return reply.code(201).send(answer);
  });

  app.delete<{ Params: { tenantId: string; sessionKey: string } }>(
    '/api/v1/tenants/:tenantId/session-keys/:sessionKey',
    async (request, reply) => {
      const tenant = authorizeTenant(services.tenants, request, reply);
      if (!tenant) return reply;
      const keyHash = await services.sessionKeys.revoke(tenant.tenantId, request.params.sessionKey);
      if (!keyHash) return sendError(reply, 404, 'no_such_session_key', 'no such live session key in this tenant');
      const endedSessions = await endSessionsOfKey(keyHash);
      const answer: RevokedSessionKey = { revoked: true, endedSessions };
      return reply.code(200).send(answer);
    },
  );
}
