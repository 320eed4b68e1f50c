/**
 * Offers a call waiting for an agent (a queue's caller, or a predictive customer who answered) to one agent: lock the
 * agent first (agent machine: `offer`), then claim the call (call machine: `offered`, the agent's leg dialled).
 * Whichever side loses a race is released, so no call is offered to two agents.
 */
import type { CallTypeValue } from '@agentsdk/protocol';
import type { AgentRecord } from '../../domain/agent.js';
import type { CallRecord } from '../../domain/call.js';
import { agentDestination, dialRequest, nextLegId } from '../../domain/call-legs.js';
import type { AgentService } from '../agent-service.js';
import type { CallService } from '../call-service.js';

export interface WaitingCallOffer {
  callType: CallTypeValue;
  ringTimeoutMs: number;
  /** The agent's wrap-up, for a call that had no agent's yet (predictive). */
  wrapupSeconds?: number;
}

/** True when the agent's phone now rings with the call. */
export async function offerWaitingCall(
  services: { agents: AgentService; calls: CallService },
  call: CallRecord,
  agent: AgentRecord,
  offer: WaitingCallOffer,
): Promise<boolean> {
  const { agents, calls } = services;
  const destination = agentDestination(agent);
  if (!destination) return false;
  const lock = await agents.execute(call.tenantId, agent.agentNo, {
    type: 'offer',
    callId: call.callId,
    callType: offer.callType,
    requireIdle: true,
  });
  if (!lock.ok) return false;
  const claim = await calls.execute(call.callId, {
    type: 'offered',
    agentNo: agent.agentNo,
    agentLeg: dialRequest(call, nextLegId(call, 'agent'), destination, offer.ringTimeoutMs),
    ...(offer.wrapupSeconds === undefined ? {} : { wrapupSeconds: offer.wrapupSeconds }),
  });
  if (!claim.ok) {
    // The caller hung up or another node placed the call: give the agent back.
    await agents.execute(call.tenantId, agent.agentNo, { type: 'offerReleased', callId: call.callId, reason: 'other' });
    return false;
  }
  await agents.applyEffects(lock.record, lock.effects);
  await calls.applyEffects(claim.call, claim.effects);
  return true;
}
