#!/usr/bin/env node
/** `npm start`: the gateway on the embedded default (SQLite under ./data, in-process bus, demo tenant). */
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { createRedisBus } from './adapters/redis/redis-bus.js';
import { openRedisStore } from './adapters/redis/redis-store.js';
import { openRedisLimits } from './adapters/redis/redis-limits.js';
import { startGateway } from './gateway.js';
import { parsePortRange } from './adapters/sip/rtp-port-range.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.AGENT_GATEWAY_DATA_DIR ?? 'data');
const tenantConfigFiles = process.env.AGENT_GATEWAY_TENANTS?.split(',').map((file) => resolve(file.trim()));
const list = (name: string) =>
  process.env[name]
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
/** `N` requests a second, bursts of 2N. */
const rate = (name: string) => {
  const perSecond = Number(process.env[name]);
  return process.env[name] && perSecond > 0 ? { perSecond, burst: 2 * perSecond } : undefined;
};
const milliseconds = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const sipPort = Number(process.env.AGENT_GATEWAY_SIP_PORT ?? 5060);
const rtpPorts = process.env.AGENT_GATEWAY_RTP_PORTS ? parsePortRange(process.env.AGENT_GATEWAY_RTP_PORTS) : undefined;
if (process.env.AGENT_GATEWAY_RTP_PORTS && !rtpPorts) throw new Error('AGENT_GATEWAY_RTP_PORTS must be a range such as 20000-20999');
const sessionRequests = rate('AGENT_GATEWAY_SESSION_REQUESTS_PER_SECOND');
const tenantApiRequests = rate('AGENT_GATEWAY_TENANT_API_REQUESTS_PER_SECOND');

const embedded = process.env.AGENT_GATEWAY_EMBEDDED !== 'false';
// REDIS_URL: a node of a cluster, its live state and bus in Redis (docs/multi-node.md).
const redisUrl = process.env.REDIS_URL;
const redisPrefix = process.env.AGENT_GATEWAY_REDIS_PREFIX ?? 'agent-gateway:';
const endedTtlMs = process.env.AGENT_GATEWAY_ENDED_TTL_SECONDS ? Number(process.env.AGENT_GATEWAY_ENDED_TTL_SECONDS) * 1000 : undefined;
if (endedTtlMs !== undefined && !(endedTtlMs > 0)) throw new Error('AGENT_GATEWAY_ENDED_TTL_SECONDS must be a positive number of seconds');
const redis = redisUrl ? new Redis(redisUrl) : undefined;
const redisSubscriber = redisUrl ? new Redis(redisUrl) : undefined;
// DATABASE_URL: call records for the long term in PostgreSQL; /cdrs reads them from there (docs/durability.md).
const databaseUrl = process.env.DATABASE_URL || undefined;
// ioredis reconnects (and subscribes again) by itself; say once when a connection is lost and when it is back.
let logger: { warn(fields: object, message: string): void; info(fields: object, message: string): void } | undefined;
for (const [name, connection] of [
  ['commands', redis],
  ['subscriber', redisSubscriber],
] as const) {
  let lost = false;
  connection?.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    if (logger) logger.warn({ connection: name, err: error }, 'Redis connection lost: reconnecting');
    else process.stderr.write(`Redis connection (${name}) failed: ${error.message}; reconnecting\n`);
  });
  connection?.on('ready', () => {
    if (lost) logger?.info({ connection: name }, 'Redis connection back');
    lost = false;
  });
}
const shared =
  redis && redisSubscriber
    ? {
        store: openRedisStore(redis, redisPrefix, { endedTtlMs }),
        bus: createRedisBus(redis, redisSubscriber, redisPrefix),
        limits: openRedisLimits(redis, redisPrefix),
      }
    : {};

const gateway = await startGateway({
  ...shared,
  port,
  host,
  dataDir,
  databaseUrl,
  tenantConfigFiles,
  logLevel: process.env.LOG_LEVEL ?? 'info',
  embedded,
  nodeId: process.env.AGENT_GATEWAY_NODE_ID || undefined,
  demoApiKey: process.env.AGENT_GATEWAY_DEMO_API_KEY || undefined,
  resumeGraceMs: process.env.AGENT_GATEWAY_RESUME_GRACE_SECONDS ? Number(process.env.AGENT_GATEWAY_RESUME_GRACE_SECONDS) * 1000 : undefined,
  allowedOrigins: list('AGENT_GATEWAY_ALLOWED_ORIGINS'),
  publicUrl: process.env.AGENT_GATEWAY_PUBLIC_URL || undefined,
  trustedProxies: list('AGENT_GATEWAY_TRUSTED_PROXIES'),
  maxConnectionsPerAddress: process.env.AGENT_GATEWAY_MAX_CONNECTIONS_PER_ADDRESS
    ? Number(process.env.AGENT_GATEWAY_MAX_CONNECTIONS_PER_ADDRESS)
    : undefined,
  frameAncestors: list('AGENT_GATEWAY_FRAME_ANCESTORS'),
  sipPort,
  rtpPorts,
  rateLimits: { ...(sessionRequests && { sessionRequests }), ...(tenantApiRequests && { tenantApiRequests }) },
  leaseRenewMs: milliseconds('AGENT_GATEWAY_LEASE_RENEW_MS'),
  leaseLapseMs: milliseconds('AGENT_GATEWAY_LEASE_LAPSE_MS'),
  // The nodes of a cluster ring each other's phones with it (docs/multi-node.md, docs/security.md).
  clusterSecret: process.env.AGENT_GATEWAY_CLUSTER_SECRET || undefined,
  mediaAddress: process.env.AGENT_GATEWAY_MEDIA_ADDRESS || undefined,
}).catch(exitWithReason);

logger = gateway.logger;
if (redisUrl && !process.env.AGENT_GATEWAY_CLUSTER_SECRET)
  logger.warn({}, 'AGENT_GATEWAY_CLUSTER_SECRET is not set: phones registered with another node cannot be rung from this one');

// Never a secret in the banner: the API key is named, not printed.
process.stdout.write(`
Agent Gateway listening on ${gateway.url}  (node ${gateway.nodeId}, boot ${gateway.services.ownerId})
  console     ${gateway.url}/
  WebSocket   ${gateway.url.replace(/^http/, 'ws')}/ws
  SIP (UDP)   ${host}:${gateway.sip?.address.port}
  store       ${redisUrl ? `Redis (${redisPrefix})` : dataDir}
  records     ${databaseUrl ? `PostgreSQL (${redactedPassword(databaseUrl)})` : 'the store'}
  tenants     ${gateway.services.tenants
    .all()
    .map((t) => t.tenantId)
    .join(', ')}
${
  embedded
    ? `
Get a session key for demo agent 1001 (the demo tenant's API key is AGENT_GATEWAY_DEMO_API_KEY, default demo-api-key):
  curl -s -X POST ${gateway.url}/api/v1/tenants/demo/session-keys \\
    -H 'Authorization: Bearer <tenant API key>' -H 'Content-Type: application/json' \\
    -d '{"agentNo":"1001","ttlSeconds":3600}'
`
    : ''
}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    gateway
      .close()
      .then(() => Promise.all([redis?.quit(), redisSubscriber?.quit()]))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}

/** The connection string without its password, for the banner. */
function redactedPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** A gateway that cannot start says why in one line (its stack with LOG_LEVEL=debug) and exits with 1. */
function exitWithReason(error: unknown): never {
  const debug = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
  const reason = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`Agent Gateway did not start: ${reason}\n`);
  process.exit(1);
}
