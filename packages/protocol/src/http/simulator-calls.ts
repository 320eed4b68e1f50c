/**
 * The carrier simulator's control API (embedded mode, docs/simulator.md): how a number behaves when rung, and the
 * calls with each leg's state, audio and digits, as the gateway serves them and the console and tests read them.
 */

export const PHONE_BEHAVIOURS = ['answer', 'busy', 'no-answer', 'reject', 'invalid'] as const;
export type PhoneBehaviourName = (typeof PHONE_BEHAVIOURS)[number];

/** PUT …/sim/numbers/{number}: what to set. A left-out `answerAfterMs` keeps the default of whoever is rung. */
export interface PhoneBehaviourSetting {
  behavior: PhoneBehaviourName;
  /** `answer`: picks up after this long; `reject`: declines after this long. */
  answerAfterMs?: number;
  /** Once answered, the party hangs up after this long; null: never by itself. */
  hangupAfterMs?: number | null;
}

/** GET and PUT …/sim/numbers/{number}: the behaviour in force, every delay resolved. */
export type PhoneBehaviour = Required<PhoneBehaviourSetting>;

export type SimulatedLegState = 'dialing' | 'ringing' | 'answered' | 'ended';

/** RTP counted on a leg: packets its party sent and received, and the level of what it received lately (0-1). */
export interface SimulatedLegMedia {
  packetsSent: number;
  packetsReceived: number;
  audioLevel: number;
  /** A SIP leg's: RTP packets from its far end that never arrived (gaps in sequence numbers). */
  packetsLost?: number;
}

export interface SimulatedLegListing {
  legId: string;
  party: 'customer' | 'agent';
  /** The number rung, or the customer's number on a call into a queue. */
  number: string;
  direction: 'inbound' | 'outbound';
  state: SimulatedLegState;
  /** Why the leg ended (`normal`, `busy`, `noAnswer`, …). */
  endCause?: string;
  held: boolean;
  muted: { in: boolean; out: boolean };
  /** Set while the leg monitors another (supervisor). */
  monitoring?: { targetLegId: string; mode: 'listen' | 'whisper' | 'barge' };
  /** Legs this leg's party hears. */
  hears: string[];
  hearsMusic: boolean;
  /** Prompts played to the leg, in order. */
  prompts: string[];
  /** Digits the gateway sent into the leg. */
  digitsReceived: string;
  /** Epoch milliseconds of the simulator's clock. */
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  /** Real audio, on legs whose media passes through the gateway (softphones) and the legs they talk to. */
  media?: SimulatedLegMedia;
}

export interface SimulatedCallListing {
  callId: string;
  legs: SimulatedLegListing[];
}

/** GET …/sim/calls. */
export interface SimulatedCallList {
  calls: SimulatedCallListing[];
}
