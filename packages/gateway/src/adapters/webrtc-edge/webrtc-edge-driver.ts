/**
 * The far-end driver of softphones: a destination of kind `softphone` rings the SIP user agent registered for it on
 * the SIP-over-WebSocket edge (real WebRTC audio through werift, mixed by the router's mixer).
 */
import type { Logger } from '../../ports/logger.js';
import type { Clock } from '../../ports/clock.js';
import type { Destination, DialRequest, LegEndCause } from '../../ports/telephony.js';
import type { FarEndDriver, LegHost } from '../telephony-router/far-end-driver.js';
import type { SipEdge } from './sip-edge.js';
import { SoftphoneCall } from './softphone-call.js';
import type { MediaOptions } from './softphone-media.js';

export interface WebRtcEdgeDriverOptions {
  edge: SipEdge;
  clock: Clock;
  logger: Logger;
  media: MediaOptions;
}

export class WebRtcEdgeDriver implements FarEndDriver {
  private readonly calls = new Map<string, SoftphoneCall>();
  private host: LegHost | undefined;

  constructor(private readonly options: WebRtcEdgeDriverOptions) {}

  start(host: LegHost): void {
    this.host = host;
  }

  handles(_tenantId: string, destination: Destination): boolean {
    return destination.kind === 'softphone';
  }

  /** A softphone is reachable while a UA is registered for it. */
  isReachable(tenantId: string, destination: Destination): boolean {
    return this.options.edge.registrar.lookup(tenantId, destination.address, this.options.clock.now()) !== undefined;
  }

  dial(request: DialRequest): void {
    const host = this.host!;
    const { edge, clock, logger, media } = this.options;
    const binding = edge.registrar.lookup(request.tenantId, request.destination.address, clock.now());
    if (!binding) return host.ended(request.legId, 'invalid');
    const call = new SoftphoneCall(request, binding, { edge, mixer: host.mixer, legs: host, clock, logger, media }, () => {
      if (this.calls.get(request.legId) === call) this.calls.delete(request.legId);
    });
    this.calls.set(request.legId, call);
    void call.start();
  }

  /** Softphones are only ever called by the gateway: there is no inbound softphone leg to answer. */
  answer(): void {}

  hangup(legId: string, _cause: LegEndCause): void {
    this.calls.get(legId)?.hangup();
  }

  /** The softphone's own keypad is its user's; digits sent to an agent are recorded on the leg only. */
  sendDtmf(): void {}

  async close(): Promise<void> {
    for (const call of [...this.calls.values()]) call.hangup();
    this.calls.clear();
    this.options.edge.closeConnections();
    this.options.edge.registrar.clear();
  }
}
