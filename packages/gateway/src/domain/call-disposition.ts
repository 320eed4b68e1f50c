/**
 * After-call work on a call record: who handled the call (every agent whose leg was answered: transferred, consulted,
 * three-way), and each agent's disposition (a code of the tenant's `dispositions`) with notes. Pure.
 */
import type { CallRecord, Disposition } from './call.js';

/** Whether the agent was on the call: its leg was answered, or it is the call's agent or callee. */
export function handledBy(call: CallRecord, agentNo: string): boolean {
  if (call.agentNo === agentNo || call.calleeAgentNo === agentNo) return true;
  return call.legs.some((leg) => leg.party === 'agent' && leg.agentNo === agentNo && leg.answeredAt !== undefined);
}

/** Every agent `handledBy` the call, once each. */
export function agentsWhoHandled(call: CallRecord): string[] {
  const answered = call.legs.filter((leg) => leg.party === 'agent' && leg.answeredAt !== undefined).map((leg) => leg.agentNo);
  return [...new Set([call.agentNo, call.calleeAgentNo, ...answered])].filter((agentNo): agentNo is string => agentNo !== undefined);
}

/** The agents who handled the call, each with the times its legs were up, in the order they joined. */
export function participatingAgents(call: CallRecord): { agentNo: string; segments: { from: number; to?: number }[] }[] {
  const agents = new Map<string, { from: number; to?: number }[]>();
  for (const leg of call.legs) {
    if (leg.party !== 'agent' || leg.agentNo === undefined || leg.answeredAt === undefined) continue;
    const segment = leg.endedAt === undefined ? { from: leg.answeredAt } : { from: leg.answeredAt, to: leg.endedAt };
    agents.set(leg.agentNo, [...(agents.get(leg.agentNo) ?? []), segment]);
  }
  return [...agents].map(([agentNo, segments]) => ({ agentNo, segments }));
}

/** The record with the agent's disposition, replacing one it set before. */
export function withDisposition(call: CallRecord, disposition: Disposition): CallRecord {
  const others = (call.dispositions ?? []).filter((existing) => existing.agentNo !== disposition.agentNo);
  return { ...call, dispositions: [...others, disposition] };
}
