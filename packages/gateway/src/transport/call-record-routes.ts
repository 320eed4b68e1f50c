/**
 * GET /api/v1/tenants/{tenantId}/cdrs: the tenant's call records, newest first, a page at a time;
 * GET …/cdrs/{callId}: one of them.
 */
import type { CallRecordPage, CallRecordView } from '@agentsdk/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CallRecord } from '../domain/call.js';
import { participatingAgents } from '../domain/call-disposition.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import { type CallRecords, CallRecordsUnavailableError } from '../ports/call-records.js';
import { brief, sendError } from './http-errors.js';
import { recordingPath } from './recording-route.js';
import { authorizeTenant } from './tenant-auth.js';

interface CdrQuery {
  from?: string;
  to?: string;
  agentNo?: string;
  limit?: string;
  cursor?: string;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The call record as the API shows it: ISO times, the talk time, and only the variables meant for records (type 2, 3). */
export function callRecordView(call: CallRecord): CallRecordView {
  return {
    callId: call.callId,
    callType: call.callType,
    queueNo: call.queueNo,
    customerNumber: call.customerNumber,
    callerId: call.callerId,
    agentNo: call.agentNo,
    calleeAgentNo: call.calleeAgentNo,
    requestUniqueId: call.requestUniqueId,
    createdAt: iso(call.createdAt),
    queuedAt: iso(call.queuedAt),
    answeredAt: iso(call.answeredAt),
    endedAt: iso(call.endedAt),
    endReason: call.endReason,
    talkSeconds: call.answeredAt !== undefined && call.endedAt !== undefined ? Math.round((call.endedAt - call.answeredAt) / 1000) : 0,
    outcome: call.outcome,
    hangupSide: call.hangupSide,
    rejections: (call.rejections ?? []).map((rejection) => ({ ...rejection, at: iso(rejection.at) })),
    chanVariables: call.variables.filter((variable) => (variable.type ?? 1) >= 2),
    cdrIsAsr: call.cdrIsAsr,
    survey: call.survey && { startedAt: iso(call.survey.startedAt), result: call.survey.result ?? null },
    agents: participatingAgents(call).map(({ agentNo, segments }) => ({
      agentNo,
      segments: segments.map(({ from, to }) => ({ from: iso(from), to: iso(to) })),
    })),
    dispositions: (call.dispositions ?? []).map((disposition) => ({ ...disposition, at: iso(disposition.at) })),
    legs: call.legs.map((leg) => ({
      legId: leg.legId,
      party: leg.party,
      number: leg.number,
      agentNo: leg.agentNo,
      startedAt: iso(leg.startedAt),
      answeredAt: iso(leg.answeredAt),
      endedAt: iso(leg.endedAt),
      endCause: leg.endCause,
      media: leg.media,
    })),
    ...(call.recording ? { recordingUrl: recordingPath(call.tenantId, call.callId) } : {}),
  };
}

function parseTime(value: string | undefined): number | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : 'invalid';
}

function parseCursor(cursor: string | undefined): { endedAt: number; callId: string } | undefined | 'invalid' {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { endedAt?: unknown; callId?: unknown };
    if (typeof value.endedAt === 'number' && typeof value.callId === 'string') return { endedAt: value.endedAt, callId: value.callId };
  } catch {
    // falls through to 'invalid'
  }
  return 'invalid';
}

const unavailable = Symbol('unavailable');

/** The read's result, or `unavailable` once a 503 is sent: the call records cannot answer now (PostgreSQL down). */
async function whenAvailable<T>(reply: FastifyReply, read: () => Promise<T>): Promise<T | typeof unavailable> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof CallRecordsUnavailableError)) throw error;
    void sendError(reply.header('Retry-After', '5'), 503, 'records_unavailable', error.message);
    return unavailable;
  }
}

export function registerCallRecordRoutes(app: FastifyInstance, tenants: TenantDirectory, records: CallRecords): void {
  app.get<{ Params: { tenantId: string }; Querystring: CdrQuery }>('/api/v1/tenants/:tenantId/cdrs', async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const { agentNo } = request.query;
    const from = parseTime(request.query.from);
    const to = parseTime(request.query.to);
    if (from === 'invalid') return sendError(reply, 400, 'bad_request', 'from must be an ISO 8601 time or epoch milliseconds');
    if (to === 'invalid') return sendError(reply, 400, 'bad_request', 'to must be an ISO 8601 time or epoch milliseconds');
    const limit = request.query.limit === undefined ? 50 : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      return sendError(reply, 400, 'bad_request', 'limit must be a whole number from 1 to 500');
    const before = parseCursor(request.query.cursor);
    if (before === 'invalid') return sendError(reply, 400, 'bad_request', 'cursor is not one this API returned');

    const page = await whenAvailable(reply, () => records.list({ tenantId: tenant.tenantId, from, to, agentNo, limit, before }));
    if (page === unavailable) return reply;
    const last = page.at(-1);
    const nextCursor =
      page.length === limit && last?.endedAt !== undefined
        ? Buffer.from(JSON.stringify({ endedAt: last.endedAt, callId: last.callId })).toString('base64url')
        : null;
    const body: CallRecordPage = { records: page.map(callRecordView), nextCursor };
    return body;
  });

  app.get<{ Params: { tenantId: string; callId: string } }>('/api/v1/tenants/:tenantId/cdrs/:callId', async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const record = await whenAvailable(reply, () => records.get(tenant.tenantId, request.params.callId));
    if (record === unavailable) return reply;
    if (!record)
      return sendError(
        reply,
        404,
        'not_found',
        `no record of call ${brief(request.params.callId)}: it has not ended, or it is not this tenant's`,
      );
    return callRecordView(record);
  });
}
