/**
 * The built-in carrier: a TelephonyDriver whose phones are virtual. Each (tenant, number) answers, rings out, is busy,
 * rejects or does not exist as configured, so every call flow can be exercised without a SIP trunk. All timing goes
 * through the injected clock, so tests drive it with a ManualClock.
 */
import { randomUUID } from 'node:crypto';
import type { Unsubscribe } from '../../ports/bus.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type {
  Destination,
  DialRequest,
  DtmfTiming,
  InboundEntry,
  LegEndCause,
  MonitorMode,
  MuteDirection,
  Party,
  TelephonyDriver,
} from '../../ports/telephony.js';
import { BehaviourBook } from './behaviour-book.js';
import { CallTable } from './call-table.js';
import { audioOf } from './audio-paths.js';
import { listCall, type CallListing, type LegMedia } from './call-listing.js';
import { EventOutbox, type TelephonyEventHandler } from './event-outbox.js';
import { planDial, type BehaviourSetting, type PhoneBehaviour } from './phone-behaviour.js';
import { transitionLeg, type LegCommand, type SimulatedLeg } from './simulated-leg.js';

export interface CarrierSimulatorOptions {
  clock: Clock;
  /** A subscriber threw while handling an event (the others still receive it). Default: console.error. */
  onHandlerError?: (error: unknown) => void;
}

export type InboundCall = {
  tenantId: string;
  /** The customer's number. */
  from: string;
} & InboundEntry;

export class CarrierSimulator implements TelephonyDriver {
  private readonly clock: Clock;
  private readonly outbox: EventOutbox;
  private readonly calls = new CallTable();
  private readonly behaviours = new BehaviourBook();
  private readonly timers = new Map<string, Set<TimerHandle>>();
  private mediaOf: (legId: string) => LegMedia | undefined = () => undefined;
  private closed = false;

  constructor({
    clock,
    onHandlerError = (error) => console.error('carrier simulator: event handler failed', error),
  }: CarrierSimulatorOptions) {
    this.clock = clock;
    this.outbox = new EventOutbox(onHandlerError);
  }

  async dial(request: DialRequest): Promise<void> {
    const owner = this.calls.tenantOf(request.callId);
    if (owner !== undefined && owner !== request.tenantId) throw new Error(`call ${request.callId} belongs to another tenant`);
    const { destination } = request;
    const behaviour = this.behaviours.resolve(request.tenantId, destination.address, destination.party);
    const plan = planDial(behaviour, request.timeoutMs);
    this.addOutboundLeg(request, behaviour.hangupAfterMs, plan.rings);
    this.schedule(request.legId, plan.outcome.afterMs, plan.outcome.command);
  }

  /** A new leg the gateway dialled; `ringing` is reported at once when the far end rings. */
  private addOutboundLeg(request: DialRequest, hangupAfterMs: number | null, rings: boolean): void {
    if (this.closed) throw new Error('the carrier simulator is closed');
    if (this.calls.leg(request.legId)) throw new Error(`leg ${request.legId} already exists`);
    this.calls.add(
      newLeg({
        legId: request.legId,
        callId: request.callId,
        tenantId: request.tenantId,
        party: request.destination.party,
        number: request.destination.address,
        direction: 'outbound',
        hangupAfterMs,
        state: rings ? 'ringing' : 'dialing',
        startedAt: this.clock.now(),
      }),
    );
    if (rings) this.outbox.post({ type: 'ringing', legId: request.legId });
  }

  async answer(legId: string): Promise<void> {
    this.apply(legId, { type: 'answer', by: 'gateway' });
  }

  async connect(legIds: string[]): Promise<void> {
    const conversationId = randomUUID();
    const joining = new Set(legIds);
    for (const legId of joining) this.apply(legId, { type: 'join', conversationId });
    // Monitors follow the legs they monitor into the new conversation.
    for (const legId of joining) {
      const leg = this.calls.leg(legId);
      for (const monitor of leg ? this.calls.legsOf(leg.callId) : []) {
        if (monitor.monitoring && joining.has(monitor.monitoring.targetLegId) && !joining.has(monitor.legId)) {
          this.apply(monitor.legId, {
            type: 'monitor',
            conversationId,
            targetLegId: monitor.monitoring.targetLegId,
            mode: monitor.monitoring.mode,
          });
        }
      }
    }
  }

  async monitor(legId: string, targetLegId: string, mode: MonitorMode): Promise<void> {
    const target = this.calls.leg(targetLegId);
    if (!target || target.state === 'ended') return;
    let conversationId = target.conversationId;
    if (conversationId === null) {
      conversationId = randomUUID();
      this.apply(targetLegId, { type: 'join', conversationId });
    }
    this.apply(legId, { type: 'monitor', conversationId, targetLegId, mode });
  }

  async setHold(legId: string, held: boolean): Promise<void> {
    this.apply(legId, { type: 'hold', held });
  }

  async setMute(legId: string, direction: MuteDirection, muted: boolean): Promise<void> {
    this.apply(legId, { type: 'mute', direction, muted });
  }

  async play(legId: string, prompt: string): Promise<void> {
    this.apply(legId, { type: 'play', prompt });
  }

  /** Recorded on the leg at once; the timing only matters to a real carrier. */
  async sendDtmf(legId: string, digits: string, _timing: DtmfTiming): Promise<void> {
    this.apply(legId, { type: 'receiveDigits', digits });
  }

  async hangup(legId: string, cause: LegEndCause): Promise<void> {
    this.apply(legId, { type: 'end', cause });
  }

  /**
   * False for a number set `invalid`. The port does not say whose number it is, so without `tenantId` a number set
   * invalid in any tenant is unreachable.
   */
  async isReachable(tenantId: string, destination: Destination): Promise<boolean> {
    return !this.behaviours.isInvalid(destination.address, tenantId);
  }

  subscribe(handler: TelephonyEventHandler): Unsubscribe {
    return this.outbox.subscribe(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const handles of this.timers.values()) for (const handle of handles) handle.cancel();
    this.timers.clear();
    this.outbox.close();
    this.calls.clear();
  }

  /** A customer calls one of the tenant's queues or IVRs: a ringing leg in a new call, announced by `incoming`. */
  placeInboundCall(call: InboundCall): { callId: string; legId: string } {
    return this.addInboundLeg(call, this.behaviours.resolve(call.tenantId, call.from, 'customer').hangupAfterMs);
  }

  setBehaviour(tenantId: string, number: string, setting: BehaviourSetting): void {
    this.behaviours.set(tenantId, number, setting);
  }

  /** The behaviour in force for a number: the one set, or the default of `party`. */
  behaviourOf(tenantId: string, number: string, party: Party = 'customer'): PhoneBehaviour {
    return this.behaviours.resolve(tenantId, number, party);
  }

  /** The customer hangs up every live customer leg of the call. False if the call has none. */
  customerHangup(tenantId: string, callId: string): boolean {
    const customerLegs = this.liveCustomerLegs(tenantId, callId);
    for (const leg of customerLegs) this.apply(leg.legId, { type: 'farEndHangsUp' });
    return customerLegs.length > 0;
  }

  /** The customer presses keys on the call's first answered customer leg (`dtmf`). False if there is none. */
  customerPressesDigits(tenantId: string, callId: string, digits: string): boolean {
    const leg = this.liveCustomerLegs(tenantId, callId).find((candidate) => candidate.state === 'answered');
    if (leg) this.apply(leg.legId, { type: 'press', digits });
    return leg !== undefined;
  }

  /** The tenant's calls with at least one live leg, oldest first. */
  listCalls(tenantId: string): CallListing[] {
    return this.calls.callIdsOf(tenantId).map((callId) => listCall(this.calls, callId, this.mediaOf));
  }

  getCall(tenantId: string, callId: string): CallListing | undefined {
    return this.calls.tenantOf(callId) === tenantId ? listCall(this.calls, callId, this.mediaOf) : undefined;
  }

  /**
   * A dialled leg whose far end is a real phone driven from outside (the WebRTC edge's softphones): it rings until
   * that side reports `externalLegAnswered` or `externalLegEnded`, and otherwise lives here like any leg (conversations,
   * hold, mute, listing).
   */
  addExternalLeg(request: DialRequest): void {
    this.addOutboundLeg(request, null, true);
  }

  externalLegAnswered(legId: string): void {
    this.apply(legId, { type: 'answer', by: 'farEnd' });
  }

  externalLegEnded(legId: string, cause: LegEndCause): void {
    this.apply(legId, { type: 'end', cause });
  }

  /** The far end of an external leg pressed keys (`dtmf`). */
  externalLegPressed(legId: string, digits: string): void {
    this.apply(legId, { type: 'press', digits });
  }

  /** A real phone calls one of the tenant's queues: a ringing external leg in a new call, announced by `incoming`. */
  addExternalInboundLeg(call: InboundCall): { callId: string; legId: string } {
    return this.addInboundLeg(call, null);
  }

  /** A ringing customer leg in a new call, hanging up by itself after `hangupAfterMs` (null: never). */
  private addInboundLeg({ tenantId, from, ...entry }: InboundCall, hangupAfterMs: number | null): { callId: string; legId: string } {
    if (this.closed) throw new Error('the carrier simulator is closed');
    const callId = randomUUID();
    const legId = randomUUID();
    this.calls.add(
      newLeg({
        legId,
        callId,
        tenantId,
        party: 'customer',
        number: from,
        direction: 'inbound',
        hangupAfterMs,
        state: 'ringing',
        startedAt: this.clock.now(),
      }),
    );
    this.outbox.post({ type: 'incoming', tenantId, callId, legId, from, ...entry });
    return { callId, legId };
  }

  /** The call a live leg belongs to. */
  callOf(legId: string): { tenantId: string; callId: string } | undefined {
    const leg = this.calls.leg(legId);
    return leg && { tenantId: leg.tenantId, callId: leg.callId };
  }

  /** The legs of a call in progress (ended ones included until the call is over); empty once it is over. */
  legsOfCall(callId: string): SimulatedLeg[] {
    return this.calls.legsOf(callId);
  }

  /** The legs whose party the leg's party hears now; empty for an unknown leg. */
  hearsOf(legId: string): string[] {
    const leg = this.calls.leg(legId);
    return leg ? audioOf(leg, this.calls.conversationOf(leg)).hears : [];
  }

  /** The legs that hear the leg's party now; empty for an unknown leg. */
  heardBy(legId: string): string[] {
    const leg = this.calls.leg(legId);
    if (!leg) return [];
    const conversation = this.calls.conversationOf(leg);
    return conversation.filter((listener) => audioOf(listener, conversation).hears.includes(legId)).map((listener) => listener.legId);
  }

  /** Media counters a real-media adapter keeps per leg, shown as `media` in the listing. */
  attachMedia(mediaOf: (legId: string) => LegMedia | undefined): void {
    this.mediaOf = mediaOf;
  }

  private liveCustomerLegs(tenantId: string, callId: string): SimulatedLeg[] {
    if (this.calls.tenantOf(callId) !== tenantId) return [];
    return this.calls.legsOf(callId).filter((leg) => leg.party === 'customer' && leg.state !== 'ended');
  }

  /** The one place a leg changes: runs its state machine and applies the effects. */
  private apply(legId: string, command: LegCommand): void {
    const leg = this.calls.leg(legId);
    if (!leg || this.closed) return;
    const transition = transitionLeg(leg, command, this.clock.now());
    if (!transition) return;
    this.calls.save(transition.next);
    for (const effect of transition.effects) {
      if (effect.type === 'emit') this.outbox.post(effect.event);
      else if (effect.type === 'schedule') this.schedule(legId, effect.afterMs, effect.command);
      else this.cancelTimers(legId);
    }
  }

  private schedule(legId: string, afterMs: number, command: LegCommand): void {
    let handles = this.timers.get(legId);
    if (!handles) this.timers.set(legId, (handles = new Set()));
    const handle = this.clock.schedule(afterMs, () => {
      this.forgetTimer(legId, handle);
      this.apply(legId, command);
    });
    handles.add(handle);
  }

  private forgetTimer(legId: string, handle: TimerHandle): void {
    const handles = this.timers.get(legId);
    handles?.delete(handle);
    if (handles?.size === 0) this.timers.delete(legId);
  }

  private cancelTimers(legId: string): void {
    for (const handle of this.timers.get(legId) ?? []) handle.cancel();
    this.timers.delete(legId);
  }
}

type NewLeg = Pick<
  SimulatedLeg,
  'legId' | 'callId' | 'tenantId' | 'party' | 'number' | 'direction' | 'hangupAfterMs' | 'state' | 'startedAt'
>;

function newLeg(fields: NewLeg): SimulatedLeg {
  return { ...fields, held: false, muted: { in: false, out: false }, conversationId: null, prompts: [], digitsReceived: '' };
}
