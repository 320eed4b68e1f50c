/**
 * GET /api/v1/tenants/{tenantId}/cdrs/{callId}/recording: a call's two-channel WAV (tenant API key), whole or one
 * byte range (`Range: bytes=a-b`, RFC 9110), so a player can seek. The file is on the disk of the node that recorded
 * the call; another node answers 404 naming that node, as the call's record keeps it.
 */
import { createReadStream, statSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { CallRecordings } from '../adapters/media/call-recordings.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import type { RecordingMetadata } from '../domain/call.js';
import { type CallRecords, CallRecordsUnavailableError } from '../ports/call-records.js';
import { sendError } from './http-errors.js';
import { authorizeTenant } from './tenant-auth.js';

const CALL_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The path a call's recording is served at (the call record's `recordingUrl`). */
export function recordingPath(tenantId: string, callId: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenantId)}/cdrs/${encodeURIComponent(callId)}/recording`;
}

export function registerRecordingRoute(
  app: FastifyInstance,
  tenants: TenantDirectory,
  recordings: CallRecordings | undefined,
  here: { nodeId: string; records: CallRecords },
): void {
  app.get<{ Params: { tenantId: string; callId: string } }>('/api/v1/tenants/:tenantId/cdrs/:callId/recording', async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const { callId } = request.params;
    const size = recordings && CALL_ID.test(callId) ? sizeOf(recordings.pathOf(tenant.tenantId, callId)) : undefined;
    if (size === undefined) {
      const elsewhere = CALL_ID.test(callId) ? await recordingOf(here.records, tenant.tenantId, callId) : undefined;
      if (elsewhere && elsewhere.nodeId !== here.nodeId)
        return sendError(reply, 404, 'not_found', `the recording of call ${callId} is kept on node ${elsewhere.nodeId}`);
      return sendError(reply, 404, 'not_found', `no recording of call ${callId}`);
    }
    const path = recordings!.pathOf(tenant.tenantId, callId);
    reply.header('Accept-Ranges', 'bytes').type('audio/wav');
    const range = parseRange(request.headers.range, size);
    if (range === 'unsatisfiable') return reply.code(416).header('Content-Range', `bytes */${size}`).send();
    if (!range) return reply.header('Content-Length', size).send(createReadStream(path));
    return reply
      .code(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
      .header('Content-Length', range.end - range.start + 1)
      .send(createReadStream(path, range));
  });
}

/** Where the call's record says its recording is; unknown while the call records cannot answer. */
async function recordingOf(records: CallRecords, tenantId: string, callId: string): Promise<RecordingMetadata | undefined> {
  try {
    return (await records.get(tenantId, callId))?.recording;
  } catch (error) {
    if (error instanceof CallRecordsUnavailableError) return undefined;
    throw error;
  }
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** One range of `bytes=start-end`, `bytes=start-` or `bytes=-suffix`; undefined: the whole file. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
