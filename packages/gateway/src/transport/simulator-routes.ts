/**
 * /api/v1/tenants/{tenantId}/sim/...: the carrier simulator's control API, server to server. Places customers' calls,
 * sets how numbers behave, hangs up and presses keys as the customer, and lists calls with who hears whom.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { PHONE_NUMBER_PATTERN } from '@agentsdk/protocol';
import type { CarrierSimulator } from '../adapters/simulator/carrier-simulator.js';
import { PHONE_BEHAVIOURS } from '../adapters/simulator/phone-behaviour.js';
import type { TenantDirectory } from '../application/tenant-directory.js';
import type { TenantConfig } from '../domain/tenant.js';
import { issueMessage, sendError } from './http-errors.js';
import { authorizeTenant } from './tenant-auth.js';

const MAX_ANSWER_AFTER_MS = 120_000;
const MAX_HANGUP_AFTER_MS = 3_600_000;
/** Phone numbers, extensions and softphone addresses; anything a URL path carries plainly. */
const NUMBER_PATTERN = /^[A-Za-z0-9+._:@-]{1,64}$/;
const BAD_NUMBER = 'number must be 1-64 letters, digits or + . _ : @ -';
const BODY_MUST_BE_OBJECT = 'the body must be a JSON object';

function wholeNumberBetween(field: string, min: number, max: number) {
  return v.pipe(
    v.number(`${field} must be a number`),
    v.integer(`${field} must be a whole number`),
    v.minValue(min, `${field} must be between ${min} and ${max}`),
    v.maxValue(max, `${field} must be between ${min} and ${max}`),
  );
}

const InboundBodySchema = v.strictObject(
  {
    queueNo: v.optional(v.pipe(v.string('queueNo must be a string'), v.nonEmpty('queueNo must not be empty'))),
    ivrId: v.optional(v.pipe(v.string('ivrId must be a string'), v.nonEmpty('ivrId must not be empty'))),
    from: v.pipe(
      v.string('from must be a string'),
      v.regex(PHONE_NUMBER_PATTERN, 'from must be a phone number (digits, optional leading +, 3-20)'),
    ),
  },
  BODY_MUST_BE_OBJECT,
);

const BehaviourBodySchema = v.strictObject(
  {
    behavior: v.picklist(PHONE_BEHAVIOURS, `behavior must be one of ${PHONE_BEHAVIOURS.join(', ')}`),
    answerAfterMs: v.optional(wholeNumberBetween('answerAfterMs', 0, MAX_ANSWER_AFTER_MS)),
    hangupAfterMs: v.optional(v.nullable(wholeNumberBetween('hangupAfterMs', 0, MAX_HANGUP_AFTER_MS)), null),
  },
  BODY_MUST_BE_OBJECT,
);

const DtmfBodySchema = v.strictObject(
  {
    digits: v.pipe(v.string('digits must be a string'), v.regex(/^[0-9*#A-D]{1,32}$/, 'digits must be 1-32 of 0-9, *, #, A-D')),
  },
  BODY_MUST_BE_OBJECT,
);

type TenantRoute = { Params: { tenantId: string } };
type NumberRoute = { Params: { tenantId: string; number: string } };
type CallRoute = { Params: { tenantId: string; callId: string } };

export function registerSimulatorRoutes(app: FastifyInstance, tenants: TenantDirectory, simulator: CarrierSimulator): void {
  const base = '/api/v1/tenants/:tenantId/sim';

  app.post<TenantRoute>(`${base}/inbound`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const body = v.safeParse(InboundBodySchema, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', issueMessage(body.issues));
    const { queueNo, ivrId, from } = body.output;
    if (queueNo === undefined && ivrId === undefined) return sendError(reply, 400, 'bad_request', 'queueNo is required');
    if (queueNo !== undefined && ivrId !== undefined) return sendError(reply, 400, 'bad_request', 'give queueNo or ivrId, not both');
    if (ivrId !== undefined) {
      if (!tenant.ivrs.some((ivr) => ivr.ivrId === ivrId)) return sendError(reply, 404, 'no_such_ivr', `no such IVR: ${ivrId}`);
      return reply.code(201).send({ callId: simulator.placeInboundCall({ tenantId: tenant.tenantId, ivrId, from }).callId });
    }
    if (!tenant.queues.some((queue) => queue.queueNo === queueNo))
      return sendError(reply, 404, 'no_such_queue', `no such queue: ${queueNo}`);
    const { callId } = simulator.placeInboundCall({ tenantId: tenant.tenantId, queueNo: queueNo!, from });
    return reply.code(201).send({ callId });
  });

  app.put<NumberRoute>(`${base}/numbers/:number`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const { number } = request.params;
    if (!NUMBER_PATTERN.test(number)) return sendError(reply, 400, 'bad_request', BAD_NUMBER);
    const body = v.safeParse(BehaviourBodySchema, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', issueMessage(body.issues));
    simulator.setBehaviour(tenant.tenantId, number, body.output);
    return reply.code(200).send(simulator.behaviourOf(tenant.tenantId, number, partyOf(tenant, number)));
  });

  app.get<NumberRoute>(`${base}/numbers/:number`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const { number } = request.params;
    if (!NUMBER_PATTERN.test(number)) return sendError(reply, 400, 'bad_request', BAD_NUMBER);
    return reply.code(200).send(simulator.behaviourOf(tenant.tenantId, number, partyOf(tenant, number)));
  });

  app.post<CallRoute>(`${base}/calls/:callId/hangup`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const { callId } = request.params;
    if (!simulator.customerHangup(tenant.tenantId, callId))
      return sendError(reply, 404, 'no_such_call', `no call in progress with a customer on the line: ${callId}`);
    return reply.code(200).send({ hungUp: true });
  });

  app.post<CallRoute>(`${base}/calls/:callId/dtmf`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    const body = v.safeParse(DtmfBodySchema, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', issueMessage(body.issues));
    const { callId } = request.params;
    if (!simulator.customerPressesDigits(tenant.tenantId, callId, body.output.digits)) {
      return sendError(reply, 404, 'no_such_call', `no call in progress with an answered customer leg: ${callId}`);
    }
    return reply.code(200).send({ pressed: true });
  });

  app.get<TenantRoute>(`${base}/calls`, async (request, reply) => {
    const tenant = authorizeTenant(tenants, request, reply);
    if (!tenant) return reply;
    return reply.code(200).send({ calls: simulator.listCalls(tenant.tenantId) });
  });
}

/** Defaults are shown for whoever the number would be: an agent's endpoint if it is an extension of the tenant. */
function partyOf(tenant: TenantConfig, number: string): 'agent' | 'customer' {
  return tenant.extensions.includes(number) ? 'agent' : 'customer';
}
