/**
 * The TelephonyDriver of a gateway with softphones: a decorator around the carrier simulator. Destinations of kind
 * `softphone` ring the SIP user agent registered for them (real SIP over WebSocket, real WebRTC audio through
 * werift); everything else goes to the simulator. Softphone legs still live in the simulator as external legs, so
 * conversations, hold, mute and the call listing work the same for both, and the media bridge follows them.
 */
import type { Logger } from '../../application/logger.js';
import type { Unsubscribe } from '../../ports/bus.js';
import type { Clock } from '../../ports/clock.js';
import type { Destination, DialRequest, DtmfTiming, LegEndCause, MonitorMode, MuteDirection, TelephonyDriver, TelephonyEvent } from '../../ports/telephony.js';
import type { CarrierSimulator } from '../simulator/carrier-simulator.js';
import { MediaBridge } from './media-bridge.js';
import type { SipEdge } from './sip-edge.js';
import { SoftphoneCall } from './softphone-call.js';
import type { MediaOptions } from './softphone-media.js';

export interface WebRtcEdgeDriverOptions {
  simulator: CarrierSimulator;
  edge: SipEdge;
  clock: Clock;
  logger: Logger;
  media: MediaOptions;
}

export class WebRtcEdgeDriver implements TelephonyDriver {
  private readonly simulator: CarrierSimulator;
  private readonly bridge: MediaBridge;
  private readonly calls = new Map<string, SoftphoneCall>();
  private readonly unsubscribe: Unsubscribe;

  constructor(private readonly options: WebRtcEdgeDriverOptions) {
    this.simulator = options.simulator;
    this.bridge = new MediaBridge(this.simulator);
    this.simulator.attachMedia((legId) => this.bridge.mediaOf(legId));
    this.unsubscribe = this.simulator.subscribe((event) => this.onEvent(event));
  }

  async dial(request: DialRequest): Promise<void> {
    if (request.destination.kind !== 'softphone') return this.simulator.dial(request);
    this.simulator.addExternalLeg(request);
    const { edge, clock, logger, media } = this.options;
    const binding = edge.registrar.lookup(request.tenantId, request.destination.address, clock.now());
    if (!binding) {
      this.simulator.externalLegEnded(request.legId, 'invalid');
      return;
    }
    const call = new SoftphoneCall(request, binding, { edge, bridge: this.bridge, legs: this.simulator, clock, logger, media }, () => {
      if (this.calls.get(request.legId) === call) this.calls.delete(request.legId);
    });
    this.calls.set(request.legId, call);
    void call.start();
  }

  answer(legId: string): Promise<void> {
    return this.simulator.answer(legId);
  }

  connect(legIds: string[]): Promise<void> {
    return this.simulator.connect(legIds);
  }

  monitor(legId: string, targetLegId: string, mode: MonitorMode): Promise<void> {
    return this.simulator.monitor(legId, targetLegId, mode);
  }

  setHold(legId: string, held: boolean): Promise<void> {
    return this.simulator.setHold(legId, held);
  }

  setMute(legId: string, direction: MuteDirection, muted: boolean): Promise<void> {
    return this.simulator.setMute(legId, direction, muted);
  }

  play(legId: string, prompt: string): Promise<void> {
    return this.simulator.play(legId, prompt);
  }

  sendDtmf(legId: string, digits: string, timing: DtmfTiming): Promise<void> {
    return this.simulator.sendDtmf(legId, digits, timing);
  }

  async hangup(legId: string, cause: LegEndCause): Promise<void> {
    this.calls.get(legId)?.hangup();
    await this.simulator.hangup(legId, cause);
  }

  /** A softphone is reachable while a UA is registered for it; other destinations as the simulator says. */
  isReachable(tenantId: string, destination: Destination): boolean {
    if (destination.kind !== 'softphone') return this.simulator.isReachable(tenantId, destination);
    return this.options.edge.registrar.lookup(tenantId, destination.address, this.options.clock.now()) !== undefined;
  }

  subscribe(handler: (event: TelephonyEvent) => void): Unsubscribe {
    return this.simulator.subscribe(handler);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const call of [...this.calls.values()]) call.hangup();
    this.calls.clear();
    this.bridge.close();
    this.options.edge.closeConnections();
    this.options.edge.registrar.clear();
    await this.simulator.close();
  }

  private onEvent(event: TelephonyEvent): void {
    if (event.type === 'ended') this.bridge.forget(event.legId);
  }
}
