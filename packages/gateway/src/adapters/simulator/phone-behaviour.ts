/**
 * How a simulated phone responds when it is rung, and what a phone nobody configured does. Pure: `planDial` turns a
 * behaviour and the dial timeout into what happens first and when.
 */
import { PHONE_BEHAVIOURS, type PhoneBehaviourName } from '@agentsdk/protocol';
import type { LegEndCause, Party } from '../../ports/telephony.js';
import type { LegCommand } from './simulated-leg.js';

export { PHONE_BEHAVIOURS };
export type PhoneBehaviourKind = PhoneBehaviourName;

/** The behaviour in force for a number, every delay resolved. */
export interface PhoneBehaviour {
  behavior: PhoneBehaviourKind;
  /** `answer`: picks up after this long; `reject`: declines after this long. */
  answerAfterMs: number;
  /** Once answered, the party hangs up after this long; null: never by itself. */
  hangupAfterMs: number | null;
}

/** What is set for a number. A left-out `answerAfterMs` stays the default of whoever is rung (agent or customer). */
export interface BehaviourSetting {
  behavior: PhoneBehaviourKind;
  answerAfterMs?: number;
  hangupAfterMs?: number | null;
}

export const DEFAULT_ANSWER_AFTER_MS: Readonly<Record<Party, number>> = { agent: 300, customer: 1000 };

/** Busy and invalid numbers fail this soon, as a carrier refuses them before anything rings. */
export const FAST_FAILURE_MS = 50;

export function resolveBehaviour(setting: BehaviourSetting | undefined, party: Party): PhoneBehaviour {
  return {
    behavior: setting?.behavior ?? 'answer',
    answerAfterMs: setting?.answerAfterMs ?? DEFAULT_ANSWER_AFTER_MS[party],
    hangupAfterMs: setting?.hangupAfterMs ?? null,
  };
}

export interface DialPlan {
  /** Whether the leg rings (emits `ringing`) or fails before ringing. */
  rings: boolean;
  /** What the far end does, and after how long. */
  outcome: { afterMs: number; command: LegCommand };
}

export function planDial(behaviour: PhoneBehaviour, timeoutMs: number): DialPlan {
  const end = (afterMs: number, cause: LegEndCause): DialPlan['outcome'] => ({ afterMs, command: { type: 'end', cause } });
  // The dial timeout wins a tie: a phone picking up at the very moment the carrier gives up is not reached.
  const beforeTimeout = (afterMs: number, outcome: DialPlan['outcome']) => (afterMs < timeoutMs ? outcome : end(timeoutMs, 'noAnswer'));
  switch (behaviour.behavior) {
    case 'answer':
      return {
        rings: true,
        outcome: beforeTimeout(behaviour.answerAfterMs, { afterMs: behaviour.answerAfterMs, command: { type: 'answer', by: 'farEnd' } }),
      };
    case 'reject':
      return { rings: true, outcome: beforeTimeout(behaviour.answerAfterMs, end(behaviour.answerAfterMs, 'rejected')) };
    case 'no-answer':
      return { rings: true, outcome: end(timeoutMs, 'noAnswer') };
    case 'busy':
      return { rings: false, outcome: end(FAST_FAILURE_MS, 'busy') };
    case 'invalid':
      return { rings: false, outcome: end(FAST_FAILURE_MS, 'invalid') };
  }
}
