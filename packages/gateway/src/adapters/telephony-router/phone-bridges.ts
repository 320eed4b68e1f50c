/**
 * Calls another node of the cluster places to a phone registered with this node (docs/multi-node.md): the node's
 * leg in (the cluster trunk) and this node's leg to the phone, bridged. The phone's answer answers the node's leg, an
 * end of either ends the other with the same cause, digits pressed on one are sent into the other, and each hears the
 * other once the phone answered. Neither leg belongs to a call of this node: the calling node's call holds them.
 */
import type { DtmfTiming, LegEndCause } from '../../ports/telephony.js';
import type { AudioPaths } from '../media/conversation-mixer.js';
import type { FarEndDriver } from './far-end-driver.js';

export interface BridgeEnd {
  legId: string;
  driver: FarEndDriver;
}

interface Bridged {
  other: BridgeEnd;
  /** The end whose answer answers the other: the phone's. */
  isPhone: boolean;
}

/** Digits relayed from one end to the other: RFC 4733 events of a usual key press. */
const RELAYED_DIGIT: DtmfTiming = { durationMs: 100, gapMs: 60 };

export class PhoneBridges implements AudioPaths {
  private readonly ends = new Map<string, Bridged>();
  private readonly talking = new Set<string>();

  add(caller: BridgeEnd, phone: BridgeEnd): void {
    this.ends.set(caller.legId, { other: phone, isPhone: false });
    this.ends.set(phone.legId, { other: caller, isPhone: true });
  }

  has(legId: string): boolean {
    return this.ends.has(legId);
  }

  /** The phone answered: the calling node's leg is answered, and the two hear each other. */
  answered(legId: string): void {
    const bridged = this.ends.get(legId);
    if (!bridged?.isPhone) return;
    this.talking.add(legId).add(bridged.other.legId);
    bridged.other.driver.answer(bridged.other.legId);
  }

  /** One end ended: the other ends with the same cause. Returns the two legs, both forgotten. */
  ended(legId: string, cause: LegEndCause): string[] {
    const bridged = this.ends.get(legId);
    if (!bridged) return [];
    const { other } = bridged;
    // Hung up before it is forgotten: the driver's report of its media comes back here and is dropped.
    other.driver.hangup(other.legId, cause);
    for (const end of [legId, other.legId]) {
      this.ends.delete(end);
      this.talking.delete(end);
    }
    return [legId, other.legId];
  }

  pressed(legId: string, digits: string): void {
    const other = this.ends.get(legId)?.other;
    other?.driver.sendDtmf(other.legId, digits, RELAYED_DIGIT);
  }

  hearsOf(legId: string): string[] {
    const other = this.ends.get(legId)?.other;
    return other && this.talking.has(legId) ? [other.legId] : [];
  }

  heardBy(legId: string): string[] {
    return this.hearsOf(legId);
  }

  /** Forgets every bridge: the far-end drivers, closing, end their legs. */
  clear(): void {
    this.ends.clear();
    this.talking.clear();
  }
}
