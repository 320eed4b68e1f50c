/**
 * GET /api/v1/demo: what the console needs to let a visitor try the embedded gateway alone: the demo tenant's
 * directory and its API key (for demo sign-in and the simulator panel). The gateway keeps only the key's hash, so the
 * key handed out is the one it was started with (`demoApiKey`), and only when the hash matches. Outside embedded mode
 * it only says `{ "embedded": false }`, so the console knows to ask for a session key instead.
 */
import type { DemoResponse } from '@agentsdk/protocol';
import type { FastifyInstance } from 'fastify';
import { secretsEqual } from '../application/secrets.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import { hashSecret } from '../domain/secret-hash.js';
import { sendError } from './http-errors.js';

export const DEMO_TENANT_ID = 'demo';

export function registerDemoRoutes(app: FastifyInstance, tenants: TenantDirectory, embedded: boolean, demoApiKey: string): void {
  app.get('/api/v1/demo', async (_request, reply): Promise<DemoResponse | typeof reply> => {
    if (!embedded) return { embedded: false };
    const tenant = tenants.get(DEMO_TENANT_ID);
    if (!tenant) return sendError(reply, 404, 'no_demo_tenant', 'this gateway serves no demo tenant');
    if (!secretsEqual(hashSecret(demoApiKey), tenant.apiKeyHash)) {
      return sendError(
        reply,
        404,
        'no_demo_key',
        "the demo tenant's API key is not the one this gateway was started with (AGENT_GATEWAY_DEMO_API_KEY)",
      );
    }
    return {
      embedded: true,
      tenantId: tenant.tenantId,
      name: tenant.name,
      apiKey: demoApiKey,
      agents: tenant.agents.map(({ agentNo, name, role, queues }) => ({ agentNo, name, role, queues })),
      queues: tenant.queues.map(({ queueNo, name }) => ({ queueNo, name })),
      pauseReasons: tenant.pauseReasons,
      extensions: tenant.extensions,
      callerIds: tenant.callerIds,
      dispositions: tenant.dispositions,
      // Names and prompts, so agents pick IVRs and nodes by what they do rather than by id.
      ivrs: tenant.ivrs.map(({ ivrId, name, nodes }) => ({
        ivrId,
        name,
        nodes: nodes.map(({ id, kind, prompt }) => (prompt === undefined ? { id, kind } : { id, kind, prompt })),
      })),
    };
  });
}
