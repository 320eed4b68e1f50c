/**
 * The TelephonyDriver the gateway uses: one router of legs that picks a far-end driver per leg by its destination (the
 * first of `farEnds` that handles it: softphones → the WebRTC edge, extensions with a registered desk phone and PSTN
 * numbers of a tenant with a trunk → SIP), else — in a cluster — the node a phone registered elsewhere is registered
 * with, through the cluster trunk, else the simulator's virtual phones when they are enabled. Every leg lives in the
 * switchboard (conversations, hold, mute, monitoring, listing); the mixer moves real audio along its paths. Calls
 * other nodes place to this node's phones are bridged here, outside the switchboard (./phone-bridges.ts).
 */
import { randomUUID } from 'node:crypto';
import type { LegMediaStats } from '@agentsdk/protocol';
import type { Unsubscribe } from '../../ports/bus.js';
import type {
  Destination,
  DialRequest,
  DtmfTiming,
  LegEndCause,
  MonitorMode,
  MuteDirection,
  TelephonyDriver,
  TelephonyEvent,
} from '../../ports/telephony.js';
import type { CallRecordings } from '../media/call-recordings.js';
import { ConversationMixer } from '../media/conversation-mixer.js';
import type { CarrierSimulator } from '../simulator/carrier-simulator.js';
import type { ClusterPhones } from './cluster-phones.js';
import type { ClusterTrunk, FarEndDriver, InboundLeg, LegHost, NodeSipAddress, PhoneCall } from './far-end-driver.js';
import { PhoneBridges } from './phone-bridges.js';

/** A phone rung for another node rings no longer than this; the calling node gives up before (its dial timeout). */
const BRIDGED_RING_LIMIT_MS = 5 * 60_000;

export interface LegRouterOptions {
  /** Holds every leg; its virtual phones answer the legs no far-end driver takes when `virtualPhones` is on. */
  switchboard: CarrierSimulator;
  farEnds: FarEndDriver[];
  /** Embedded mode: numbers and extensions no real driver takes ring the simulator's virtual phones. Off: `invalid`. */
  virtualPhones: boolean;
  /** Records calls with real media; omitted: no recordings. */
  recordings?: CallRecordings;
  /** In a cluster: where phones registered with other nodes are, and the trunk that reaches those nodes. */
  cluster?: { phones: Pick<ClusterPhones, 'locate'>; trunk: ClusterTrunk };
}

export class LegRouter implements TelephonyDriver {
  readonly mixer: ConversationMixer;
  private readonly switchboard: CarrierSimulator;
  private readonly owners = new Map<string, FarEndDriver>();
  /** RTP counters of legs whose media ended, until their `ended` event carries them. */
  private readonly finalMedia = new Map<string, LegMediaStats>();
  private readonly handlers = new Set<(event: TelephonyEvent) => void>();
  private readonly unsubscribe: Unsubscribe;
  private readonly bridges = new PhoneBridges();
  /** Legs whose phone is being looked for in the cluster, and the cause of a hangup that came meanwhile. */
  private readonly locating = new Map<string, LegEndCause | undefined>();

  constructor(private readonly options: LegRouterOptions) {
    this.switchboard = options.switchboard;
    const bridges = this.bridges;
    const switchboard = this.switchboard;
    this.mixer = new ConversationMixer({
      hearsOf: (legId) => (bridges.has(legId) ? bridges.hearsOf(legId) : switchboard.hearsOf(legId)),
      heardBy: (legId) => (bridges.has(legId) ? bridges.heardBy(legId) : switchboard.heardBy(legId)),
    });
    this.switchboard.attachMedia((legId) => this.mixer.mediaOf(legId));
    const recordings = options.recordings;
    if (recordings) this.mixer.recordWith((withMedia, spoken) => recordings.tick(withMedia, spoken));
    this.unsubscribe = this.switchboard.subscribe((event) => this.forward(event));
    const host = this.host();
    for (const farEnd of options.farEnds) farEnd.start(host);
  }

  async dial(request: DialRequest): Promise<void> {
    const { tenantId, destination, legId } = request;
    const farEnd = this.farEndOf(tenantId, destination);
    if (farEnd?.isReachable(tenantId, destination)) return this.dialWith(farEnd, request);
    const node = await this.locateElsewhere(request);
    const hungUp = this.locating.get(legId);
    this.locating.delete(legId);
    if (hungUp) {
      this.switchboard.addExternalLeg(request);
      return this.switchboard.externalLegEnded(legId, hungUp);
    }
    const trunk = this.options.cluster?.trunk;
    if (node && trunk) {
      this.switchboard.addExternalLeg(request);
      this.owners.set(legId, trunk);
      return trunk.dialNode(request, node);
    }
    if (!farEnd && this.options.virtualPhones) return this.switchboard.dial(request);
    if (!farEnd) {
      this.switchboard.addExternalLeg(request);
      return this.switchboard.externalLegEnded(legId, 'invalid');
    }
    this.dialWith(farEnd, request);
  }

  async answer(legId: string): Promise<void> {
    this.owners.get(legId)?.answer(legId);
    await this.switchboard.answer(legId);
  }

  connect(legIds: string[]): Promise<void> {
    return this.switchboard.connect(legIds);
  }

  monitor(legId: string, targetLegId: string, mode: MonitorMode): Promise<void> {
    return this.switchboard.monitor(legId, targetLegId, mode);
  }

  async setHold(legId: string, held: boolean): Promise<void> {
    this.owners.get(legId)?.setHold?.(legId, held);
    await this.switchboard.setHold(legId, held);
  }

  setMute(legId: string, direction: MuteDirection, muted: boolean): Promise<void> {
    return this.switchboard.setMute(legId, direction, muted);
  }

  play(legId: string, prompt: string): Promise<void> {
    return this.switchboard.play(legId, prompt);
  }

  async sendDtmf(legId: string, digits: string, timing: DtmfTiming): Promise<void> {
    this.owners.get(legId)?.sendDtmf(legId, digits, timing);
    await this.switchboard.sendDtmf(legId, digits, timing);
  }

  async hangup(legId: string, cause: LegEndCause): Promise<void> {
    if (this.locating.has(legId)) return void this.locating.set(legId, cause);
    this.owners.get(legId)?.hangup(legId, cause);
    await this.switchboard.hangup(legId, cause);
  }

  /** Reachable through a far-end driver here, else through the node of the cluster the phone is registered with. */
  async isReachable(tenantId: string, destination: Destination): Promise<boolean> {
    const farEnd = this.farEndOf(tenantId, destination);
    if (farEnd?.isReachable(tenantId, destination)) return true;
    if ((await this.options.cluster?.phones.locate(tenantId, destination)) !== undefined) return true;
    if (farEnd) return false;
    return this.options.virtualPhones && this.switchboard.isReachable(tenantId, destination);
  }

  subscribe(handler: (event: TelephonyEvent) => void): Unsubscribe {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const farEnd of this.options.farEnds) await farEnd.close();
    this.owners.clear();
    this.bridges.clear();
    this.mixer.close();
    this.options.recordings?.close();
    await this.switchboard.close();
  }

  private host(): LegHost {
    return {
      mixer: this.mixer,
      inboundLeg: (driver: FarEndDriver, call: InboundLeg) => {
        const leg = this.switchboard.addExternalInboundLeg(call);
        this.owners.set(leg.legId, driver);
        return leg;
      },
      answered: (legId) => (this.bridges.has(legId) ? this.bridges.answered(legId) : this.switchboard.externalLegAnswered(legId)),
      ended: (legId, cause) => {
        if (!this.bridges.has(legId)) return this.switchboard.externalLegEnded(legId, cause);
        for (const bridged of this.bridges.ended(legId, cause)) this.mixer.forget(bridged);
      },
      pressed: (legId, digits) =>
        this.bridges.has(legId) ? this.bridges.pressed(legId, digits) : this.switchboard.externalLegPressed(legId, digits),
      mediaEnded: (legId, stats) => {
        if (!this.bridges.has(legId)) this.finalMedia.set(legId, stats);
      },
      ringsHere: (tenantId, destination) => this.farEndOf(tenantId, destination)?.isReachable(tenantId, destination) ?? false,
      bridgeToPhone: (driver, legId, call) => this.bridgeToPhone(driver, legId, call),
    };
  }

  private farEndOf(tenantId: string, destination: Destination): FarEndDriver | undefined {
    return this.options.farEnds.find((driver) => driver.handles(tenantId, destination));
  }

  private dialWith(farEnd: FarEndDriver, request: DialRequest): void {
    this.switchboard.addExternalLeg(request);
    this.owners.set(request.legId, farEnd);
    farEnd.dial(request);
  }

  /** The node another phone of the cluster is registered with. */
  private async locateElsewhere(request: DialRequest): Promise<NodeSipAddress | undefined> {
    const phones = this.options.cluster?.phones;
    if (!phones || request.destination.kind === 'pstn') return undefined;
    this.locating.set(request.legId, undefined);
    return phones.locate(request.tenantId, request.destination);
  }

  private bridgeToPhone(caller: FarEndDriver, callerLegId: string, call: PhoneCall): void {
    const phone = this.farEndOf(call.tenantId, call.destination);
    if (!phone?.isReachable(call.tenantId, call.destination)) return caller.hangup(callerLegId, 'invalid');
    const legId = randomUUID();
    this.bridges.add({ legId: callerLegId, driver: caller }, { legId, driver: phone });
    phone.dial({
      legId,
      callId: call.callId,
      tenantId: call.tenantId,
      destination: call.destination,
      callerId: call.callerId,
      timeoutMs: BRIDGED_RING_LIMIT_MS,
    });
  }

  /** The switchboard's events to the router's subscribers; a leg's end carries its RTP counters. */
  private forward(event: TelephonyEvent): void {
    let delivered = event;
    if (event.type === 'ended') {
      const media = this.finalMedia.get(event.legId);
      this.finalMedia.delete(event.legId);
      if (media) delivered = { ...event, media };
      this.onEnded(event.legId);
    }
    // Every subscriber gets the event even when one throws; the first error goes on to the switchboard, which reports it.
    let failure: { error: unknown } | undefined;
    for (const handler of [...this.handlers]) {
      try {
        handler(delivered);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  private onEnded(legId: string): void {
    this.owners.delete(legId);
    this.mixer.detach(legId);
    this.mixer.forget(legId);
    this.options.recordings?.legEnded();
  }
}
