/** The calls as the control API, the console and tests see them: each leg's state, audio, prompts and digits. */
import type { LegEndCause, Party } from '../../ports/telephony.js';
import { audioOf } from './audio-paths.js';
import type { CallTable } from './call-table.js';
import type { LegState, SimulatedLeg } from './simulated-leg.js';

export interface LegListing {
  legId: string;
  party: Party;
  /** The number rung, or the customer's number on a call into a queue. */
  number: string;
  direction: 'inbound' | 'outbound';
  state: LegState;
  endCause?: LegEndCause;
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
  media?: LegMedia;
}

/** RTP counted on a leg: packets its party sent and received, and the level of what it received lately (0-1). */
export interface LegMedia {
  packetsSent: number;
  packetsReceived: number;
  audioLevel: number;
  /** A SIP leg's: RTP packets from its far end that never arrived (gaps in sequence numbers). */
  packetsLost?: number;
}

export interface CallListing {
  callId: string;
  legs: LegListing[];
}

export function listCall(table: CallTable, callId: string, mediaOf: (legId: string) => LegMedia | undefined = () => undefined): CallListing {
  return { callId, legs: table.legsOf(callId).map((leg) => listLeg(leg, table.conversationOf(leg), mediaOf(leg.legId))) };
}

function listLeg(leg: SimulatedLeg, conversation: SimulatedLeg[], media: LegMedia | undefined): LegListing {
  return {
    legId: leg.legId,
    party: leg.party,
    number: leg.number,
    direction: leg.direction,
    state: leg.state,
    ...(leg.endCause === undefined ? {} : { endCause: leg.endCause }),
    held: leg.held,
    muted: { ...leg.muted },
    ...(leg.monitoring ? { monitoring: { ...leg.monitoring } } : {}),
    ...audioOf(leg, conversation),
    prompts: [...leg.prompts],
    digitsReceived: leg.digitsReceived,
    startedAt: leg.startedAt,
    ...(leg.answeredAt === undefined ? {} : { answeredAt: leg.answeredAt }),
    ...(leg.endedAt === undefined ? {} : { endedAt: leg.endedAt }),
    ...(media === undefined ? {} : { media: { ...media } }),
  };
}
