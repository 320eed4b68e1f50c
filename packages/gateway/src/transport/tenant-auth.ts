/** Server-to-server calls carry `Authorization: Bearer <tenant API key>`. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretsEqual } from '../application/secrets.js';
import { hashSecret } from '../domain/secret-hash.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import type { TenantConfig } from '../domain/tenant.js';
import { sendError } from './http-errors.js';

/** The tenant named in the path when the bearer key is its API key; otherwise replies 401 and returns undefined. */
export function authorizeTenant(
  tenants: TenantDirectory,
  request: FastifyRequest<{ Params: { tenantId: string } }>,
  reply: FastifyReply,
): TenantConfig | undefined {
  const tenant = tenantOfApiKey(tenants, request.params.tenantId, request.headers.authorization);
  if (!tenant) {
    sendError(reply, 401, 'unauthorized', 'missing or wrong tenant API key (Authorization: Bearer <key>)');
    return undefined;
  }
  return tenant;
}

/** The tenant when `authorization` is `Bearer <its API key>`. */
export function tenantOfApiKey(tenants: TenantDirectory, tenantId: string, authorization: string | undefined): TenantConfig | undefined {
  const tenant = tenants.get(tenantId);
  const header = authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  // Compare even for an unknown tenant, and answer it alike, so neither time nor status reveals which tenants exist.
  const authorized = secretsEqual(hashSecret(presented), tenant?.apiKeyHash ?? '\u0000unknown-tenant') && tenant !== undefined;
  return authorized ? tenant : undefined;
}
