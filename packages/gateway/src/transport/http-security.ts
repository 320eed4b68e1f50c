/**
 * What every HTTP answer carries or is checked for: security headers (a Content-Security-Policy fitted to the console),
 * CORS only for allowed origins, and the per-tenant rate limit of the server-to-server API.
 */
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { SharedRateLimiter } from '../application/shared-rate-limiter.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import { sendError } from './http-errors.js';
import type { OriginPolicy } from './origin-policy.js';
import { tenantOfApiKey } from './tenant-auth.js';

export interface HttpSecurityOptions {
  origins: OriginPolicy;
  /** Who may frame the console (CSP frame-ancestors); none by default. */
  frameAncestors: readonly string[];
  tenants: TenantDirectory;
  tenantApiLimiter: SharedRateLimiter;
  onRateLimited(): void;
}

/** The SDK's script-tag build is loaded by CRM pages of other origins. */
const CROSS_ORIGIN_PATHS = ['/sdk/'];

export async function registerHttpSecurity(app: FastifyInstance, options: HttpSecurityOptions): Promise<void> {
  const framed = options.frameAncestors.length > 0;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        mediaSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:'],
        // The console's UI library sets style attributes; styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: framed ? [...options.frameAncestors] : ["'none'"],
      },
    },
    // X-Frame-Options cannot name several origins: with an allow-list, frame-ancestors alone decides.
    frameguard: framed ? false : { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    hsts: { maxAge: 15_552_000, includeSubDomains: false },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (CROSS_ORIGIN_PATHS.some((path) => request.url.startsWith(path))) reply.header('cross-origin-resource-policy', 'cross-origin');
    return payload;
  });

  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && options.origins.allowsCrossOrigin(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });

  // Counted after authentication, so nobody can spend a tenant's budget without its key; a wrong key gets the route's 401.
  app.addHook('onRequest', async (request, reply) => {
    const tenantId = (request.params as { tenantId?: unknown } | undefined)?.tenantId;
    if (typeof tenantId !== 'string') return;
    const tenant = tenantOfApiKey(options.tenants, tenantId, request.headers.authorization);
    if (!tenant || (await options.tenantApiLimiter.take(tenant.tenantId))) return;
    options.onRateLimited();
    const { perSecond, burst } = options.tenantApiLimiter.limit;
    reply.header('retry-after', '1');
    return sendError(reply, 429, 'rate_limited', `rate limited: at most ${perSecond} requests a second (bursts of ${burst}) per tenant`);
  });
}
