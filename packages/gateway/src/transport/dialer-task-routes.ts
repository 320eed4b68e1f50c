/**
 * `/api/v1/tenants/{tenantId}/tasks`: outbound campaigns over the server API, with the tenant API key
 * (docs/04-server-api.md#dialer-tasks). Numbers come as JSON (`{ "numbers": [...] }`) or as CSV (`text/csv`, header
 * `number,var1,…`); each refused line is reported with its reason.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as v from 'valibot';
import { parse as parseCsv } from 'csv-parse/sync';
import { AddDialerNumbersSchema, CreateDialerTaskSchema, DIALER_TASK_LIMITS, PatchDialerTaskSchema } from '@agentsdk/protocol/dialer-tasks';
import type { DialerTasks, NumberLine, TaskResult } from '../application/dialer-tasks.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import { issueMessage, sendError } from './http-errors.js';
import { authorizeTenant } from './tenant-auth.js';

type TaskRoute = { Params: { tenantId: string; taskId: string } };

/** A 10,000-line upload with a few variables per line. */
const NUMBERS_BODY_LIMIT = 4 * 1024 * 1024;

/** The body's first problem, always naming its field (the protocol's own messages say only the rule). */
function bodyProblem(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const field = issues[0].path?.map((item) => String(item.key)).join('.');
  const message = issueMessage(issues);
  return field && !message.startsWith(field) ? `${field}: ${message}` : message;
}

function send<T>(reply: FastifyReply, result: TaskResult<T>, status = 200): FastifyReply {
  return result.ok ? reply.code(status).send(result.value) : sendError(reply, result.status, result.code, result.message);
}

/** CSV rows as number lines: the header names `number` and the variables; line numbers count the header as line 1. */
function csvLines(text: string): NumberLine[] | string {
  let rows: string[][];
  try {
    rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (error) {
    return `the CSV body cannot be read: ${(error as Error).message}`;
  }
  const [header, ...records] = rows;
  if (header?.[0] !== 'number') return 'the CSV header must start with the column "number"';
  const names = header.slice(1);
  const bad = names.find((name) => !/^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(name));
  if (bad !== undefined) return `the CSV header column "${bad.slice(0, 40)}" is not a variable name`;
  if (new Set(header).size !== header.length) return 'the CSV header repeats a column';
  if (records.length === 0) return 'the CSV body has no numbers';
  return records.map((row, i) => ({
    line: i + 2,
    input: { number: row[0] ?? '', variables: Object.fromEntries(names.flatMap((name, j) => (row[j + 1] ? [[name, row[j + 1]]] : []))) },
    ...(row.length > header.length && { refusal: `${row.length} columns, the header has ${header.length}` }),
  }));
}

export function registerDialerTaskRoutes(app: FastifyInstance, tenants: TenantDirectory, tasks: DialerTasks): void {
  const base = '/api/v1/tenants/:tenantId/tasks';

  app.post<TaskRoute>(base, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const body = v.safeParse(CreateDialerTaskSchema, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', bodyProblem(body.issues));
    return send(reply, await tasks.create(tenant, body.output), 201);
  });

  app.get<TaskRoute>(base, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    return { tasks: await tasks.list(tenant) };
  });

  app.get<TaskRoute>(`${base}/:taskId`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    return send(reply, await tasks.get(tenant, request.params.taskId));
  });

  app.patch<TaskRoute>(`${base}/:taskId`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const body = v.safeParse(PatchDialerTaskSchema, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', bodyProblem(body.issues));
    return send(reply, await tasks.patch(tenant, request.params.taskId, body.output));
  });

  app.get<TaskRoute>(`${base}/:taskId/results`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const csv = await tasks.results(tenant, request.params.taskId);
    if (!csv.ok) return send(reply, csv);
    return reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.taskId}-results.csv"`)
      .send(csv.value);
  });

  // The CSV parser and the larger body limit belong to the numbers upload only.
  void app.register(async (uploads) => {
    uploads.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: NUMBERS_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    uploads.post<TaskRoute>(`${base}/:taskId/numbers`, { bodyLimit: NUMBERS_BODY_LIMIT }, async (request, reply) => {
      const tenant = authorizeTenant(tenants, request, reply);
      if (!tenant) return reply;
      let lines: NumberLine[];
      if (typeof request.body === 'string') {
        const csv = csvLines(request.body);
        if (typeof csv === 'string') return sendError(reply, 400, 'bad_request', csv);
        lines = csv;
      } else {
        const body = v.safeParse(AddDialerNumbersSchema, request.body ?? {});
        if (!body.success) return sendError(reply, 400, 'bad_request', bodyProblem(body.issues));
        lines = body.output.numbers.map((input, i) => ({ line: i + 1, input }));
      }
      if (lines.length > DIALER_TASK_LIMITS.numbersPerUpload)
        return sendError(reply, 400, 'bad_request', `at most ${DIALER_TASK_LIMITS.numbersPerUpload} numbers per upload`);
      return send(reply, await tasks.addNumbers(tenant, request.params.taskId, lines));
    });
  });
}
