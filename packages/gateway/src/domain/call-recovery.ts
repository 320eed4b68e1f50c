/**
 * Ending a call whose legs died with the gateway process that held them (docs/03-Core-Concepts-and-Lifecycle.md,
 * "What survives what"). Pure, like the rest of the call machine.
 */
import { endCall, type CallOutcome, type CallRecord, type CallTransitionResult, type LegsLostReason } from './call.js';

/** Phases in which no agent has talked with the customer yet: the customer hung up on a dead line, so to speak. */
const NOT_YET_ANSWERED: ReadonlySet<CallRecord['phase']> = new Set([
  'queued',
  'offering',
  'agentDialing',
  'customerDialing',
  'awaitingAgent',
  'ivr',
]);

/**
 * Every leg still up ended at `at` (the owner's last sign of life, so the talk time is the real one); the call ends
 * with `endReason`. A customer who never reached an agent abandoned the call; a call that was talking `failed`.
 */
export function legsLost(call: CallRecord, reason: LegsLostReason, at: number): CallTransitionResult {
  const endedAt = Math.max(at, call.createdAt);
  const legs = call.legs.map((leg) =>
    leg.endedAt === undefined
      ? { ...leg, endedAt, endCause: leg.answeredAt === undefined ? ('cancelled' as const) : ('normal' as const) }
      : leg,
  );
  const outcome: CallOutcome = call.answeredAt === undefined && NOT_YET_ANSWERED.has(call.phase) ? 'abandoned' : 'failed';
  const ended = endCall({ ...call, legs }, outcome, 'system', endedAt, reason);
  if (!ended.ok) return ended;
  return { ...ended, next: { ...ended.next, endReason: reason } };
}
