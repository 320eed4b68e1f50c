/** Who hears whom. Pure: derived from the legs of one conversation, never stored, so it cannot drift from them. */
import type { SimulatedLeg } from './simulated-leg.js';

export interface AudioView {
  /** Legs whose party this leg's party hears. */
  hears: string[];
  /** A held leg hears music instead of anyone. */
  hearsMusic: boolean;
}

/** `conversation`: every leg in the listener's conversation (the listener included or not). */
export function audioOf(listener: SimulatedLeg, conversation: readonly SimulatedLeg[]): AudioView {
  return {
    hears: conversation.filter((speaker) => hears(listener, speaker)).map((speaker) => speaker.legId),
    hearsMusic: listener.state === 'answered' && listener.held,
  };
}

function hears(listener: SimulatedLeg, speaker: SimulatedLeg): boolean {
  return (
    listener.legId !== speaker.legId &&
    listener.conversationId !== null &&
    listener.conversationId === speaker.conversationId &&
    listener.state === 'answered' &&
    speaker.state === 'answered' &&
    !listener.held &&
    !listener.muted.in &&
    !speaker.held &&
    !speaker.muted.out &&
    isHeardBy(speaker, listener)
  );
}

/** A listening monitor is heard by nobody, a whispering one only by the leg it monitors. */
function isHeardBy(speaker: SimulatedLeg, listener: SimulatedLeg): boolean {
  if (!speaker.monitoring) return true;
  if (speaker.monitoring.mode === 'listen') return false;
  return speaker.monitoring.mode === 'barge' || speaker.monitoring.targetLegId === listener.legId;
}
