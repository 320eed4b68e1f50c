/** The calls as the control API, the console and tests see them: each leg's state, audio, prompts and digits. */
import type { SimulatedCallListing, SimulatedLegListing, SimulatedLegMedia } from '@agentsdk/protocol';
import { audioOf } from './audio-paths.js';
import type { CallTable } from './call-table.js';
import type { SimulatedLeg } from './simulated-leg.js';

/** The listing's shapes are the control API's, defined once in the protocol. */
export type LegListing = SimulatedLegListing;
export type LegMedia = SimulatedLegMedia;
export type CallListing = SimulatedCallListing;

export function listCall(
  table: CallTable,
  callId: string,
  mediaOf: (legId: string) => LegMedia | undefined = () => undefined,
): CallListing {
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
