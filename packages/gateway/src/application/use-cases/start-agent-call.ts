/**
 * Places a call for one agent (preview outbound, internal, or the dialer's progressive calls): lock the agent, store
 * the call, ring the agent first.
 */
import { BusinessErrors, CallType, type BusinessErrorName } from '@agentsdk/protocol';
import { outboundCall, type OutboundCallInput } from '../../domain/call-creation.js';
import { wrapupSecondsOf } from '../../domain/tenant.js';
import type { TenantAgent, TenantConfig } from '../../domain/tenant.js';
import type { Clock } from '../../ports/clock.js';
import type { TelephonyDriver } from '../../ports/telephony.js';
import { agentDestination, dialRequest, nextLegId } from '../../domain/call-legs.js';
import type { AgentService } from '../agent-service.js';
import type { CallService } from '../call-service.js';
import { failed, succeeded, type Outcome } from '../outcome.js';

/** Who places the call: a signed-in agent's operation, or the dialer on the agent's behalf. */
export interface AgentCallContext {
  services: { agents: AgentService; calls: CallService; telephony: TelephonyDriver; clock: Clock };
  tenant: TenantConfig;
  agent: TenantAgent;
}

export type AgentCallRequest = Omit<OutboundCallInput, 'callId' | 'tenantId' | 'agentNo' | 'agentLeg' | 'wrapupSeconds'> & {
  agentAnswerTimeoutMs: number;
  /** The dialer only places a call to an idle agent; an agent's own call may start from pause. */
  requireIdle?: boolean;
};

/** The spec's messages for an agent that cannot place a call. */
const LOCK_REFUSALS: Partial<Record<BusinessErrorName, BusinessErrorName>> = {
  AGENT_BUSY: 'AGENT_BUSY',
  NO_SUCH_AGENT: 'NO_SUCH_AGENT',
  FAIL_TO_GET_LOCK: 'FAIL_TO_GET_LOCK',
};

const BUSINESS_MESSAGES = Object.fromEntries(Object.entries(BusinessErrors).map(([name, info]) => [name, info.message])) as Record<
  BusinessErrorName,
  string
>;

export async function startAgentCall(ctx: AgentCallContext, request: AgentCallRequest): Promise<Outcome> {
  const { agents, calls, telephony } = ctx.services;
  const { tenantId } = ctx.tenant;
  const { agentNo } = ctx.agent;
  const callId = calls.newCallId();

  const agent = await agents.current(tenantId, agentNo);
  const destination = agentDestination(agent);
  if (!destination) return failed('BAD_DEST_INTERFACE', 'bad destInterface: no endpoint bound');
  if (!(await telephony.isReachable(tenantId, destination)))
    return failed('BAD_DEST_INTERFACE', `bad destInterface: ${destination.address} is not registered`);

  const calleeAgentNo = request.calleeAgentNo;
  const calleeLock = calleeAgentNo
    ? await agents.execute(tenantId, calleeAgentNo, { type: 'offer', callId, callType: request.callType, requireIdle: false })
    : undefined;
  if (calleeLock && !calleeLock.ok) {
    const refusal = LOCK_REFUSALS[calleeLock.error];
    return refusal ? failed(refusal, `${BUSINESS_MESSAGES[refusal]}: ${calleeAgentNo}`) : failed(calleeLock.error, calleeLock.message);
  }
  const release = async () => {
    if (calleeAgentNo && calleeLock?.ok) await agents.execute(tenantId, calleeAgentNo, { type: 'offerReleased', callId, reason: 'other' });
  };

  const lock = await agents.execute(tenantId, agentNo, {
    type: 'offer',
    callId,
    callType: request.callType,
    requireIdle: request.requireIdle ?? false,
  });
  if (!lock.ok) {
    await release();
    const refusal = LOCK_REFUSALS[lock.error];
    return refusal ? failed(refusal) : failed(lock.error, lock.message);
  }
  const { agentAnswerTimeoutMs, requireIdle: _requireIdle, ...rest } = request;
  const { call, effects } = outboundCall(
    {
      ...rest,
      callId,
      tenantId,
      agentNo,
      agentLeg: dialRequest(
        { callId, tenantId, customerNumber: request.customerNumber },
        nextLegId({ callId, legs: [] }, 'agent'),
        destination,
        agentAnswerTimeoutMs,
        request.callerId,
      ),
      wrapupSeconds: request.callType === CallType.INTERNAL ? 0 : wrapupSecondsOf(ctx.tenant, ctx.agent),
    },
    ctx.services.clock.now(),
  );
  if (!(await calls.create(call))) {
    await agents.execute(tenantId, agentNo, { type: 'offerReleased', callId, reason: 'other' });
    await release();
    return failed('SYSTEM_EXCEPTION');
  }
  return succeeded({
    fields: { callId, ...(call.requestUniqueId === undefined ? {} : { requestUniqueId: call.requestUniqueId }) },
    after: async () => {
      if (calleeLock?.ok) await agents.applyEffects(calleeLock.record, calleeLock.effects);
      await agents.applyEffects(lock.record, lock.effects);
      await calls.applyEffects(call, effects);
    },
  });
}
