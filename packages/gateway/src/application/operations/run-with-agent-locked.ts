import type { CallEvent, CallRecord } from '../../domain/call.js';
import { failed, succeeded, type GatewayServices, type Outcome } from '../operation-context.js';

/**
 * Locks an agent (if one is named) for the call, runs the call event, and releases the agent if the call refuses.
 * The call's effects follow the response. `requireIdle`: only an idle agent may be locked (a blind transfer); a
 * consultation or a supervisor may be reached while paused.
 */
export async function runWithAgentLocked(
  services: GatewayServices,
  call: CallRecord,
  agentNo: string | undefined,
  requireIdle: boolean,
  event: CallEvent,
): Promise<Outcome> {
  const { agents, calls } = services;
  const lock = agentNo
    ? await agents.execute(call.tenantId, agentNo, { type: 'offer', callId: call.callId, callType: call.callType, requireIdle })
    : undefined;
  if (lock && !lock.ok) {
    const busy = lock.error === 'AGENT_BUSY';
    return failed(busy ? 'AGENT_BUSY' : lock.error, busy ? `agent busy: ${agentNo}` : lock.message);
  }
  const result = await calls.execute(call.callId, event);
  if (!result.ok) {
    if (agentNo && lock?.ok) await agents.execute(call.tenantId, agentNo, { type: 'offerReleased', callId: call.callId, reason: 'other' });
    return failed(result.error, result.message);
  }
  return succeeded({
    after: async () => {
      if (lock?.ok) await agents.applyEffects(lock.record, lock.effects);
      await calls.applyEffects(result.call, result.effects);
    },
  });
}
