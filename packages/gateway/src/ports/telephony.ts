/**
 * The telephony the gateway drives: legs (one party's connection each) that ring, answer, join conversations,
 * hold, mute, hear prompts, carry DTMF and end. The embedded default is the carrier simulator
 * (adapters/simulator); a SIP/WebRTC driver implements the same port. Events come back through `subscribe`.
 */
import type { LegMediaStats } from '@agentsdk/protocol';

/** Why a leg ended. */
export type LegEndCause =
  /** Hung up after being answered (by either side). */
  | 'normal'
  | 'busy'
  /** Rang until the dial timeout. */
  | 'noAnswer'
  /** Declined while ringing. */
  | 'rejected'
  /** The number does not exist / the extension is not registered. */
  | 'invalid'
  /** The gateway hung up before it was answered. */
  | 'cancelled'
  /** The carrier or phone failed (a SIP 5xx): the spec's system error. */
  | 'failed';

export type Party = 'customer' | 'agent';

export interface Destination {
  kind: 'pstn' | 'extension' | 'softphone';
  address: string;
  /** Who is rung: a customer or an agent's endpoint (the simulator gives them different default behaviours). */
  party: Party;
}

export interface DialRequest {
  legId: string;
  callId: string;
  tenantId: string;
  destination: Destination;
  /** Number presented to the called party. */
  callerId: string;
  /** The leg ends with `noAnswer` if not answered within this time. */
  timeoutMs: number;
  /** Channel variables of type 3 (name → value): a SIP far end receives each as an `X-<name>` header of its INVITE. */
  passedVariables?: Record<string, string>;
}

export type MuteDirection = 'in' | 'out' | 'all';

/** How a monitoring leg joins another leg's conversation: `listen` hears all and is heard by nobody; `whisper` is heard by the monitored leg only; `barge` is a full participant. */
export type MonitorMode = 'listen' | 'whisper' | 'barge';

export interface DtmfTiming {
  durationMs: number;
  gapMs: number;
}

/** Where a customer's call enters: a queue, or an IVR (which may hand it to a queue). */
export type InboundEntry = { queueNo: string } | { ivrId: string };

export type TelephonyEvent =
  /** A customer's call arrived for a queue; the leg is ringing the gateway. */
  | ({ type: 'incoming'; tenantId: string; callId: string; legId: string; from: string } & InboundEntry)
  | { type: 'ringing'; legId: string }
  | { type: 'answered'; legId: string }
  /** Digits the leg's party pressed. */
  | { type: 'dtmf'; legId: string; digits: string }
  /** `media`: the leg's RTP counters, from drivers that carry real media. */
  | { type: 'ended'; legId: string; cause: LegEndCause; media?: LegMediaStats };

export interface TelephonyDriver {
  /** Rings a destination on a new leg: `ringing`, then `answered` or `ended`. */
  dial(request: DialRequest): Promise<void>;
  /** Answers an incoming leg. */
  answer(legId: string): Promise<void>;
  /** Puts legs into one conversation where each hears the others (two: a bridge, more: a conference). Legs leave their previous conversation. */
  connect(legIds: string[]): Promise<void>;
  /** Joins `legId` to the conversation of `targetLegId` in `mode`, and keeps it there if that conversation is re-formed; calling again switches the mode. */
  monitor(legId: string, targetLegId: string, mode: MonitorMode): Promise<void>;
  /** A held leg hears music and is heard by nobody. */
  setHold(legId: string, held: boolean): Promise<void>;
  /** `in`: the leg's party hears nobody; `out`: nobody hears the leg's party; `all`: both. */
  setMute(legId: string, direction: MuteDirection, muted: boolean): Promise<void>;
  /** Plays a prompt (text or audio file name) to the leg. */
  play(legId: string, prompt: string): Promise<void>;
  /** Sends digits into the leg (its party hears / its far end receives them). */
  sendDtmf(legId: string, digits: string, timing: DtmfTiming): Promise<void>;
  /** Ends a leg. Like every other end of a leg, it is reported by an `ended` event (with this cause). */
  hangup(legId: string, cause: LegEndCause): Promise<void>;
  /** Whether a tenant's destination could be rung at all now (an extension must be registered, in a cluster with any node). */
  isReachable(tenantId: string, destination: Destination): Promise<boolean>;
  /** Returns the function that stops the subscription. */
  subscribe(handler: (event: TelephonyEvent) => void): () => void;
  close(): Promise<void>;
}
