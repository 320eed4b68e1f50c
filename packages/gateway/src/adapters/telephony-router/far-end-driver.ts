/**
 * A driver for legs whose far end is a real phone (a softphone on the WebRTC edge, a SIP desk phone, a SIP trunk).
 * The leg router keeps every leg in one switchboard (conversations, hold, mute, monitoring, the call listing) and one
 * mixer; a far-end driver only signals its phones and moves their audio, reporting what they do through `LegHost`.
 */
import type { LegMediaStats } from '@agentsdk/protocol';
import type { Destination, DialRequest, DtmfTiming, InboundEntry, LegEndCause } from '../../ports/telephony.js';
import type { ConversationMixer } from '../media/conversation-mixer.js';

/** A call a real phone placed to the gateway, for a queue or an IVR. */
export type InboundLeg = {
  tenantId: string;
  /** The caller's number. */
  from: string;
} & InboundEntry;

/** What a far-end driver reports its legs' progress to. */
export interface LegHost {
  readonly mixer: ConversationMixer;
  /** A new ringing inbound leg in a new call, announced as `incoming`; its hangup, answer and DTMF come to `driver`. */
  inboundLeg(driver: FarEndDriver, call: InboundLeg): { callId: string; legId: string };
  answered(legId: string): void;
  ended(legId: string, cause: LegEndCause): void;
  pressed(legId: string, digits: string): void;
  /** A leg's media stopped for good (before its end is reported): its RTP counters go into the call record. */
  mediaEnded(legId: string, stats: LegMediaStats): void;
  /** Whether a phone registered with this node takes the destination now. */
  ringsHere(tenantId: string, destination: Destination): boolean;
  /**
   * Another node calls a phone registered here on `legId` (ringing, of `driver`): the phone is rung on a leg of its
   * own and bridged to it ([PhoneBridges](./phone-bridges.ts)); the phone's answer answers `legId`, and either's end
   * ends the other.
   */
  bridgeToPhone(driver: FarEndDriver, legId: string, call: PhoneCall): void;
}

/** A call another node places to a phone of this node. */
export interface PhoneCall {
  tenantId: string;
  destination: Destination;
  callerId: string;
  /** The calling node's call (logs). */
  callId: string;
}

/** Where a node of the cluster takes SIP from the other nodes. */
export interface NodeSipAddress {
  host: string;
  port: number;
}

/** The SIP driver's side of the cluster trunk: a leg to a phone registered with another node, through that node. */
export interface ClusterTrunk extends FarEndDriver {
  dialNode(request: DialRequest, node: NodeSipAddress): void;
}

export interface FarEndDriver {
  /** Called once by the router before any other call. */
  start(host: LegHost): void;
  /** Whether this driver takes legs to the destination (the router asks its drivers in order). */
  handles(tenantId: string, destination: Destination): boolean;
  /** Whether the destination could be rung now (an extension or softphone must be registered). */
  isReachable(tenantId: string, destination: Destination): boolean;
  /** Rings the far end of a leg the router has added, ringing; reports `answered` or `ended`. Never throws. */
  dial(request: DialRequest): void;
  /** Answers an inbound leg of this driver. */
  answer(legId: string): void;
  /** Ends the signalling of a leg (CANCEL, BYE or a final response); the router reports the end. */
  hangup(legId: string, cause: LegEndCause): void;
  sendDtmf(legId: string, digits: string, timing: DtmfTiming): void;
  /** Tells a far end that can be told (SIP: re-INVITE) that its leg is held or resumed; the mixer holds it anyway. */
  setHold?(legId: string, held: boolean): void;
  close(): Promise<void>;
}
