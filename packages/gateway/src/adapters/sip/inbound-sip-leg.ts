/**
 * A leg a far end placed to the gateway (a customer calling a DID through a trunk): the INVITE server side. The leg
 * rings (180, no early media) until the gateway answers it (200 with the SDP answer, retransmitted until the ACK),
 * refuses it, or the caller cancels.
 */
import type { LegEndCause } from '../../ports/telephony.js';
import { parseNameAddr } from '../webrtc-edge/sip-headers.js';
import { header, type HeaderList, type SipRequest } from '../webrtc-edge/sip-message.js';
import { bindRtpSocket } from './rtp-port-range.js';
import { answerOffer, negotiate, SdpError } from './sdp-negotiation.js';
import { sessionExpiresOf, supportsTimer } from './session-timer.js';
import { SipLeg, token, type SipStack } from './sip-leg.js';
import type { SipAddress } from './sip-udp-transport.js';

/** The final response a leg refused while ringing gets, by the cause the gateway gave. */
const REFUSALS: Record<LegEndCause, [number, string]> = {
  normal: [480, 'Temporarily Unavailable'],
  busy: [486, 'Busy Here'],
  noAnswer: [480, 'Temporarily Unavailable'],
  rejected: [603, 'Decline'],
  invalid: [404, 'Not Found'],
  cancelled: [487, 'Request Terminated'],
  failed: [500, 'Server Internal Error'],
};

export class InboundSipLeg extends SipLeg {
  protected readonly localTag = token(6);
  protected remoteTarget: string;
  private answer = '';

  private constructor(
    legId: string,
    private readonly invite: SipRequest,
    protected readonly target: SipAddress,
    stack: SipStack,
  ) {
    super(legId, header(invite, 'call-id')!, stack);
    this.remoteTarget = parseNameAddr(header(invite, 'contact') ?? '')?.uri ?? parseNameAddr(header(invite, 'from')!)?.uri ?? invite.uri;
    this.remoteTag = parseNameAddr(header(invite, 'from')!)?.params.tag;
  }

  /**
   * Takes an INVITE already accepted for a queue: negotiates its media, announces the leg (`incoming`) and rings.
   * Undefined (and the INVITE answered with a failure) when the offer or the RTP port cannot be had.
   */
  static async accept(
    invite: SipRequest,
    source: SipAddress,
    stack: SipStack,
    options: { holdReinvite: boolean; watchesMedia?: boolean },
    announce: () => { legId: string },
  ): Promise<InboundSipLeg | undefined> {
    try {
      negotiate(invite.body);
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
      return undefined;
    }
    const socket = await bindRtpSocket(stack.rtpPorts, stack.mediaAddress);
    const leg = new InboundSipLeg(announce().legId, invite, source, stack);
    leg.signalsHold = options.holdReinvite;
    leg.watchesMedia = options.watchesMedia ?? true;
    leg.attachRtp(socket);
    const { answer, media } = answerOffer(invite.body, leg.localMedia());
    leg.media = media;
    leg.answer = answer;
    leg.respond(invite, 180, 'Ringing', [leg.contactHeader()]);
    return leg;
  }

  /** The gateway takes the call: 200 with the SDP answer, media flows. */
  answerCall(): void {
    if (this.state !== 'setup') return;
    this.state = 'confirmed';
    this.agreeSession();
    const refresher = this.session ? (this.session.gatewayRefreshes ? 'uas' : 'uac') : undefined;
    const require: HeaderList = refresher === 'uac' ? [['Require', 'timer']] : [];
    this.respond(
      this.invite,
      200,
      'OK',
      [this.contactHeader(), ...this.sessionHeaders(refresher), ...require, ['Content-Type', 'application/sdp']],
      this.answer,
    );
    this.startMedia();
  }

  /**
   * RFC 4028 §9: the caller's Session-Expires (its Min-SE checked before the leg was accepted), or the gateway's own
   * interval when the caller supports timers but asked for none; the caller refreshes unless it cannot or said `uas`.
   * A caller that knows nothing of timers gets none.
   */
  private agreeSession(): void {
    const asked = sessionExpiresOf(this.invite);
    const supported = supportsTimer(this.invite);
    if (!asked && !supported) return;
    const seconds = asked?.seconds ?? this.stack.sessionTimer.expiresS;
    const refresher = asked?.refresher ?? (supported ? 'uac' : 'uas');
    this.session = { seconds, gatewayRefreshes: refresher === 'uas' };
    this.sessionTimerStart();
  }

  /** The caller gave up while the call rang or queued: 200 to the CANCEL, 487 to the INVITE. */
  cancelled(cancel: SipRequest): void {
    this.respond(cancel, 200, 'OK');
    if (this.state !== 'setup') return;
    this.respond(this.invite, 487, 'Request Terminated');
    this.farEndEnded('normal');
  }

  hangup(cause: LegEndCause): void {
    if (this.state === 'setup') {
      const [status, reason] = REFUSALS[cause];
      this.respond(this.invite, status, reason);
    } else this.sendBye();
    this.cleanUp();
  }

  protected localParty(): string {
    return `${header(this.invite, 'to')!};tag=${this.localTag}`;
  }

  protected remoteParty(): string {
    return header(this.invite, 'from')!;
  }
}
