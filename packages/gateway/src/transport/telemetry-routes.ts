/**
 * POST /api/v1/observability/events: what an SDK with `observability: true` uploads (errors, reconnects, `track`
 * calls). Authenticated by the session it belongs to (sessionId + sessionKey in the body, so a page can send it
 * with navigator.sendBeacon as text/plain without a CORS preflight). Logged and counted; never stored.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { MAX_FRAME_DEPTH, TELEMETRY_LIMITS, TELEMETRY_PATH, TelemetryUploadSchema, type TelemetryEventType } from '@agentsdk/protocol';
import { isSecretName } from '../domain/secret-names.js';
import type { Logger } from '../ports/logger.js';
import type { GatewayServices } from '../application/operation-context.js';
import type { RateLimiter } from '../application/rate-limiter.js';
import { secretsEqual } from '../application/secrets.js';
import { hashSecret } from '../domain/secret-hash.js';
import { nestingDepth } from './client-frame.js';
import { sendError } from './http-errors.js';

export interface TelemetryRouteOptions {
  services: GatewayServices;
  logger: Logger;
  limiter: RateLimiter<string>;
  onReceived(type: TelemetryEventType): void;
  onRateLimited(): void;
}

/** Telemetry data is the page's: it is cut at this depth, and fields named like secrets are blanked, before it is logged. */
const MAX_DATA_DEPTH = 6;

export function registerTelemetryRoutes(app: FastifyInstance, options: TelemetryRouteOptions): void {
  const { services, logger } = options;
  app.post(TELEMETRY_PATH, async (request, reply) => {
    const body = typeof request.body === 'string' ? parseText(request.body) : request.body;
    const parsed = v.safeParse(TelemetryUploadSchema, body);
    if (!parsed.success) return sendError(reply, 400, 'bad_request', `not a telemetry upload: ${fieldOf(parsed.issues[0])}`);
    const { sessionId, sessionKey, events } = parsed.output;

    // The session may have ended (a beacon sent as the page closes); its key must still be valid.
    const record = await services.store.sessions.get(sessionId);
    const keyMatches = secretsEqual(hashSecret(sessionKey), record?.keyHash ?? '\u0000no-session');
    const key = record && keyMatches ? await services.sessionKeys.check(sessionKey, record.tenantId, record.agentNo) : undefined;
    if (!record || !key?.ok) return sendError(reply, 401, 'unauthorized', 'unknown session or invalid session key');
    if (!options.limiter.take(sessionId)) {
      options.onRateLimited();
      return sendError(reply, 429, 'rate_limited', 'rate limited: telemetry uploads of this session are too frequent');
    }

    for (const event of events) {
      options.onReceived(event.type);
      logger.info(
        { tenantId: record.tenantId, agentNo: record.agentNo, sessionId, sdkEvent: { ...event, data: sanitized(event.data) } },
        'sdk telemetry',
      );
    }
    return reply.code(202).send({ accepted: events.length });
  });
}

function parseText(text: string): unknown {
  if (nestingDepth(text) > MAX_FRAME_DEPTH) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fieldOf(issue: v.BaseIssue<unknown>): string {
  return issue.path?.map((item) => String(item.key)).join('.') || 'the body must be {sessionId, sessionKey, events}';
}

/** A copy that is shallow enough to log, small enough to keep, and without fields named like secrets. */
function sanitized(data: Record<string, unknown> | undefined): unknown {
  if (data === undefined) return undefined;
  const copy = boundedCopy(data, 0);
  return JSON.stringify(copy).length > TELEMETRY_LIMITS.dataLength ? { truncated: true } : copy;
}

function boundedCopy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DATA_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => boundedCopy(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value).slice(0, 50)) {
    copy[name] = isSecretName(name) ? '[redacted]' : boundedCopy(field, depth + 1);
  }
  return copy;
}
