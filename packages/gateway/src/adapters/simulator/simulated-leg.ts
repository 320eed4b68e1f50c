/**
 * One simulated leg and its state machine. Pure: `transitionLeg(leg, command, now)` returns the next leg and the
 * effects to apply, or undefined when the command does not apply (unknown to this state, or the leg has ended), which
 * is how operations on ended legs come to be ignored.
 */
import type { LegEndCause, MonitorMode, MuteDirection, Party, TelephonyEvent } from '../../ports/telephony.js';

/** `dialing`: a busy or invalid number, about to fail before it ever rings. */
export type LegState = 'dialing' | 'ringing' | 'answered' | 'ended';

export interface SimulatedLeg {
  readonly legId: string;
  readonly callId: string;
  readonly tenantId: string;
  readonly party: Party;
  readonly number: string;
  /** `inbound`: a customer calling the gateway, the only kind of leg the gateway answers. */
  readonly direction: 'inbound' | 'outbound';
  /** Once answered, the far end hangs up by itself after this long; null: never. */
  readonly hangupAfterMs: number | null;
  readonly state: LegState;
  readonly endCause?: LegEndCause;
  readonly held: boolean;
  readonly muted: { readonly in: boolean; readonly out: boolean };
  /** The conversation the leg is in; null until it is first connected. */
  readonly conversationId: string | null;
  /** Set while the leg monitors another leg (supervisor spy, whisper, barge). */
  readonly monitoring?: { readonly targetLegId: string; readonly mode: MonitorMode };
  readonly prompts: readonly string[];
  readonly digitsReceived: string;
  readonly startedAt: number;
  readonly answeredAt?: number;
  readonly endedAt?: number;
}

export type LegCommand =
  /** The gateway answers an incoming leg, or the far end picks up an outbound one. */
  | { type: 'answer'; by: 'gateway' | 'farEnd' }
  | { type: 'end'; cause: LegEndCause }
  /** The far end's party hangs up; the cause depends on how far the leg got. */
  | { type: 'farEndHangsUp' }
  /** The far end's party presses keys. */
  | { type: 'press'; digits: string }
  | { type: 'join'; conversationId: string }
  | { type: 'monitor'; conversationId: string; targetLegId: string; mode: MonitorMode }
  | { type: 'hold'; held: boolean }
  | { type: 'mute'; direction: MuteDirection; muted: boolean }
  | { type: 'play'; prompt: string }
  | { type: 'receiveDigits'; digits: string };

export type LegEffect =
  | { type: 'emit'; event: TelephonyEvent }
  | { type: 'schedule'; afterMs: number; command: LegCommand }
  /** The leg is over: nothing scheduled for it may fire any more. */
  | { type: 'cancelTimers' };

export interface LegTransition {
  next: SimulatedLeg;
  effects: LegEffect[];
}

export function transitionLeg(leg: SimulatedLeg, command: LegCommand, now: number): LegTransition | undefined {
  if (leg.state === 'ended') return undefined;
  switch (command.type) {
    case 'answer':
      return leg.state === 'ringing' && mayAnswer(leg, command.by) ? answered(leg, now) : undefined;
    case 'end':
      return ended(leg, command.cause, now);
    case 'farEndHangsUp':
      return ended(leg, farEndHangupCause(leg), now);
    case 'press':
      return leg.state === 'answered'
        ? { next: leg, effects: [emit({ type: 'dtmf', legId: leg.legId, digits: command.digits })] }
        : undefined;
    case 'join': {
      const next = { ...leg, conversationId: command.conversationId };
      delete next.monitoring;
      return { next, effects: [] };
    }
    case 'monitor':
      return {
        next: { ...leg, conversationId: command.conversationId, monitoring: { targetLegId: command.targetLegId, mode: command.mode } },
        effects: [],
      };
    case 'hold':
      return { next: { ...leg, held: command.held }, effects: [] };
    case 'mute':
      return { next: { ...leg, muted: mutedAfter(leg.muted, command.direction, command.muted) }, effects: [] };
    case 'play':
      return { next: { ...leg, prompts: [...leg.prompts, command.prompt] }, effects: [] };
    case 'receiveDigits':
      return { next: { ...leg, digitsReceived: leg.digitsReceived + command.digits }, effects: [] };
  }
}

/** The gateway answers only customers calling in; only the far end picks up a leg the gateway dialled. */
function mayAnswer(leg: SimulatedLeg, by: 'gateway' | 'farEnd'): boolean {
  return by === 'gateway' ? leg.direction === 'inbound' : leg.direction === 'outbound';
}

function answered(leg: SimulatedLeg, now: number): LegTransition {
  const effects: LegEffect[] = [emit({ type: 'answered', legId: leg.legId })];
  if (leg.hangupAfterMs !== null) effects.push({ type: 'schedule', afterMs: leg.hangupAfterMs, command: { type: 'farEndHangsUp' } });
  return { next: { ...leg, state: 'answered', answeredAt: now }, effects };
}

function ended(leg: SimulatedLeg, cause: LegEndCause, now: number): LegTransition {
  return {
    next: { ...leg, state: 'ended', endCause: cause, endedAt: now, conversationId: null },
    effects: [{ type: 'cancelTimers' }, emit({ type: 'ended', legId: leg.legId, cause })],
  };
}

/** A caller hanging up, or anyone after answering, ends normally; a phone still ringing that hangs up declines. */
function farEndHangupCause(leg: SimulatedLeg): LegEndCause {
  return leg.state === 'answered' || leg.direction === 'inbound' ? 'normal' : 'rejected';
}

function mutedAfter(muted: SimulatedLeg['muted'], direction: MuteDirection, on: boolean): SimulatedLeg['muted'] {
  return {
    in: direction === 'out' ? muted.in : on,
    out: direction === 'in' ? muted.out : on,
  };
}

function emit(event: TelephonyEvent): LegEffect {
  return { type: 'emit', event };
}
