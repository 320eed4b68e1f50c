/**
 * What every SIP leg of the B2BUA shares: its own dialog (RFC 3261 §12: Call-ID, tags, CSeq, remote target), its RTP
 * session bridged into the mixer, the in-dialog requests a far end may send (BYE, re-INVITE, INFO, OPTIONS), and the
 * gateway ending the leg with a BYE. The two kinds of leg (the gateway calling out, a far end calling in) add how the
 * dialog is set up.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';
import type { Logger } from '../../ports/logger.js';
import type { LegEndCause } from '../../ports/telephony.js';
import type { LegHost } from '../telephony-router/far-end-driver.js';
import {
  formatRequest,
  formatResponse,
  header,
  type HeaderList,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../webrtc-edge/sip-message.js';
import { bindRtpSocket, type PortRange } from './rtp-port-range.js';
import { RtpSession } from './rtp-session.js';
import { answerOffer, negotiate, reoffer, SdpError, type MediaDirection, type NegotiatedMedia } from './sdp-negotiation.js';
import type { SipTransactions } from './sip-transactions.js';
import { minSessionExpiresOf, SessionTimer, sessionExpiresOf, supportsTimer, type SessionTimerSettings } from './session-timer.js';
import type { SipAddress, SipStream } from './sip-udp-transport.js';

export interface SipStack {
  transactions: SipTransactions;
  /** Sends a message outside any transaction (the ACK of a 2xx). */
  send(text: string, target: SipAddress): void;
  /** The SIP socket's address, written in Via and Contact. */
  local: SipAddress;
  /** The address RTP sockets bind to and SDP advertises. */
  mediaAddress: string;
  rtpPorts: PortRange;
  mediaTimeoutMs: number;
  sessionTimer: SessionTimerSettings;
  host: LegHost;
  logger: Logger;
  /** The leg stops receiving its dialog's requests. */
  forget(sipCallId: string): void;
}

export const token = (bytes = 8) => randomBytes(bytes).toString('hex');
export const newBranch = () => `z9hG4bK${token()}`;

export type LegState = 'setup' | 'confirmed' | 'ended';

export abstract class SipLeg {
  protected state: LegState = 'setup';
  protected rtp: RtpSession | undefined;
  protected media: NegotiatedMedia | undefined;
  protected sdpVersion = 1;
  protected localCSeq = 1;
  protected remoteTag: string | undefined;
  /** Whether hold and resume are signalled to the far end by re-INVITE (a trunk's `holdReinvite`); else only mixed. */
  protected signalsHold = true;
  /** Whether the leg ends after `mediaTimeoutMs` without RTP (not when the far end sends only what its party hears). */
  protected watchesMedia = true;
  /** The direction the gateway wants the far end's stream in (hold: `sendonly`), and the one it last agreed. */
  private wantedDirection: MediaDirection = 'sendrecv';
  private agreedDirection: MediaDirection = 'sendrecv';
  /** The CSeq of the gateway's re-INVITE waiting for its final response. */
  private reinviteCSeq: number | undefined;
  private glareRetry: NodeJS.Timeout | undefined;
  /** RFC 4028: the dialog's session interval and who refreshes it, once agreed; a refresh waiting for its turn. */
  protected session: { seconds: number; gatewayRefreshes: boolean } | undefined;
  private refreshDue = false;
  private readonly sessionTimer = new SessionTimer(
    () => this.reinvite(true),
    () => {
      this.stack.logger.info({ legId: this.legId }, 'sip: the session expired without a refresh, ending the leg');
      this.sendBye();
      this.farEndEnded('normal');
    },
  );
  protected abstract readonly localTag: string;
  /** Where in-dialog requests go: the far end's Contact, sent to the address the leg talks to. */
  protected abstract remoteTarget: string;
  protected abstract readonly target: SipAddress;

  protected constructor(
    readonly legId: string,
    readonly sipCallId: string,
    protected readonly stack: SipStack,
  ) {}

  /** The From (gateway side) and To (far side) of requests the gateway sends in the dialog. */
  protected abstract localParty(): string;
  protected abstract remoteParty(): string;

  /** A request of this leg's dialog from the far end (the transaction layer has absorbed retransmissions). */
  onRequest(request: SipRequest): void {
    switch (request.method) {
      case 'BYE':
        this.respond(request, 200, 'OK');
        return this.farEndEnded('normal');
      case 'INVITE':
        return this.reinvited(request);
      case 'UPDATE':
        return this.updated(request);
      case 'INFO':
        this.respond(request, 200, 'OK');
        return this.infoDigit(request);
      case 'OPTIONS':
        return this.respond(request, 200, 'OK', [['Allow', ALLOW]]);
      case 'CANCEL':
        return this.respond(request, 481, 'Call/Transaction Does Not Exist');
      default:
        return this.respond(request, 405, 'Method Not Allowed', [['Allow', ALLOW]]);
    }
  }

  /** The gateway ends the leg; the router reports the end. */
  abstract hangup(cause: LegEndCause): void;

  /** The TCP connection the leg's signalling travels on; undefined over UDP. */
  get stream(): SipStream | undefined {
    return this.target.stream;
  }

  /** The far end is gone with its connection (a node of the cluster died): the leg ends `failed`, nothing is sent. */
  signallingLost(): void {
    this.farEndEnded('failed');
  }

  sendDtmf(digits: string, durationMs: number, gapMs: number): void {
    this.rtp?.sendDigits(digits, durationMs, gapMs);
  }

  /**
   * Tells the far end it is held (re-INVITE with `a=sendonly`: it stops sending) or resumed (`a=sendrecv`), RFC 3264
   * §8.4: same RTP port and codec, the SDP's version one higher. One re-INVITE at a time; the last wish wins.
   */
  holdFarEnd(held: boolean): void {
    if (!this.signalsHold) return;
    this.wantedDirection = held ? 'sendonly' : 'sendrecv';
    this.reinvite();
  }

  /** A re-INVITE for a new direction, or (`refresh`) to refresh the session (RFC 4028) with the SDP unchanged. */
  private reinvite(refresh = false): void {
    if (refresh) this.refreshDue = true;
    if (this.state !== 'confirmed' || !this.media || this.reinviteCSeq !== undefined || this.glareRetry) return;
    const changed = this.wantedDirection !== this.agreedDirection;
    if (!changed && !this.refreshDue) return;
    this.refreshDue = false;
    const direction = this.wantedDirection;
    this.localCSeq += 1;
    const cseq = this.localCSeq;
    const branch = newBranch();
    this.reinviteCSeq = cseq;
    const offer = reoffer(this.localMedia(changed), this.media, direction);
    const headers: HeaderList = [
      ...this.baseHeaders(branch, `${cseq} INVITE`),
      this.contactHeader(),
      ...this.sessionHeaders('uac'),
      ['Content-Type', 'application/sdp'],
    ];
    this.stack.transactions.request({
      method: 'INVITE',
      branch,
      text: formatRequest('INVITE', this.remoteTarget, headers, offer),
      target: this.target,
      onResponse: (response) => this.reinviteAnswered(response, cseq, direction),
      onTimeout: () => {
        if (this.reinviteCSeq === cseq) this.reinviteCSeq = undefined;
      },
      ackFor: (response) =>
        formatRequest(
          'ACK',
          this.remoteTarget,
          this.baseHeaders(branch, `${cseq} ACK`).map(
            ([name, value]) => [name, name === 'To' ? (header(response, 'to') ?? value) : value] as const,
          ),
        ),
    });
  }

  private reinviteAnswered(response: SipResponse, cseq: number, direction: MediaDirection): void {
    if (response.status < 200) return;
    // Every 2xx (retransmissions too) is acknowledged; RFC 3261 §13.2.2.4.
    if (response.status < 300)
      this.stack.send(formatRequest('ACK', this.remoteTarget, this.baseHeaders(newBranch(), `${cseq} ACK`)), this.target);
    if (this.reinviteCSeq !== cseq) return;
    this.reinviteCSeq = undefined;
    if (response.status === 481 || response.status === 408) {
      // The far end no longer knows the dialog (RFC 4028 §10, RFC 3261 §12.2.1.2).
      this.sendBye();
      return this.farEndEnded('normal');
    }
    if (response.status === 422 && this.session) {
      this.session.seconds = Math.max(this.session.seconds, minSessionExpiresOf(response) ?? 0);
      return this.reinvite(true);
    }
    if (response.status < 300) this.sessionAgreed(response, 'uac');
    if (response.status === 491) {
      // Glare (both sides re-INVITEd at once): try again after 2.1-4 s, RFC 3261 §14.1.
      this.glareRetry = setTimeout(
        () => {
          this.glareRetry = undefined;
          this.reinvite();
        },
        2_100 + Math.random() * 1_900,
      );
      return;
    }
    if (response.status < 300) {
      try {
        this.media = negotiate(response.body);
        this.rtp?.use(this.media);
        this.agreedDirection = direction;
      } catch (error) {
        if (!(error instanceof SdpError)) throw error;
        this.stack.logger.warn(
          { legId: this.legId, status: response.status },
          'sip: unreadable answer to a re-INVITE, keeping the media as it was',
        );
      }
    } else {
      // Refused: the hold still holds in the mixer; the far end keeps its stream as it was.
      this.stack.logger.info({ legId: this.legId, status: response.status }, 'sip: re-INVITE refused');
      this.agreedDirection = direction;
    }
    this.reinvite();
  }

  protected async openRtp(): Promise<void> {
    this.attachRtp(await bindRtpSocket(this.stack.rtpPorts, this.stack.mediaAddress));
  }

  protected attachRtp(socket: Socket): void {
    const rtp = new RtpSession(
      socket,
      {
        onAudio: (samples) => this.stack.host.mixer.received(this.legId, samples),
        onDigit: (digit) => this.stack.host.pressed(this.legId, digit),
        onMediaTimeout: () => {
          this.stack.logger.info({ legId: this.legId }, 'sip: no RTP for the media timeout, ending the leg');
          this.sendBye();
          this.farEndEnded('normal');
        },
      },
      this.stack.mediaTimeoutMs,
    );
    this.rtp = rtp;
    if (this.state === 'ended') rtp.close();
  }

  /** Media flows: the mixer sends to and hears from the leg, and the media timeout runs. */
  protected startMedia(): void {
    if (!this.rtp || !this.media) return;
    this.rtp.use(this.media);
    if (this.watchesMedia) this.rtp.watch();
    this.stack.host.mixer.attach(this.legId, this.rtp);
  }

  /** The gateway's side of the SDP; its version goes up when what it describes changed (RFC 3264 §8). */
  protected localMedia(changed = true) {
    return { address: this.stack.mediaAddress, port: this.rtp?.localPort ?? 9, version: changed ? this.sdpVersion++ : this.sdpVersion - 1 };
  }

  /**
   * Session-Expires (with the refresher, `uac` being the side that sent the request), Min-SE and Supported: timer for
   * a request or response of the dialog; only Supported when no session interval is agreed.
   */
  protected sessionHeaders(refresher: 'uac' | 'uas' | undefined): HeaderList {
    const supported: HeaderList = [['Supported', 'timer']];
    if (!this.session) return supported;
    const seconds = `${this.session.seconds}${refresher ? `;refresher=${refresher}` : ''}`;
    return [...supported, ['Session-Expires', seconds], ['Min-SE', String(this.stack.sessionTimer.minExpiresS)]];
  }

  /**
   * The session interval a 2xx (or a refresh from the far end) agreed: the timer restarts. `role`: the gateway's in
   * that transaction (`uac`: it sent the request). No Session-Expires: no session timer.
   */
  protected sessionAgreed(message: SipMessage, role: 'uac' | 'uas'): void {
    const expires = sessionExpiresOf(message);
    if (!expires) {
      if (role === 'uac') this.session = undefined;
      if (!this.session) return this.sessionTimer.stop();
    } else {
      const refresher = expires.refresher ?? (role === 'uas' && !supportsTimer(message) ? 'uas' : 'uac');
      this.session = { seconds: Math.max(expires.seconds, 1), gatewayRefreshes: refresher === role };
    }
    this.sessionTimer.start(this.session!.seconds, this.session!.gatewayRefreshes);
  }

  protected sendBye(): void {
    if (this.state !== 'confirmed') return;
    this.inDialogRequest('BYE');
  }

  protected inDialogRequest(method: string, extra: HeaderList = [], body = ''): void {
    this.localCSeq += 1;
    const branch = newBranch();
    const text = formatRequest(method, this.remoteTarget, [...this.baseHeaders(branch, `${this.localCSeq} ${method}`), ...extra], body);
    this.stack.transactions.request({ method, branch, text, target: this.target, onResponse: () => undefined, onTimeout: () => undefined });
  }

  protected baseHeaders(branch: string, cseq: string): HeaderList {
    const { address, port } = this.stack.local;
    return [
      ['Via', `SIP/2.0/${this.target.stream ? 'TCP' : 'UDP'} ${address}:${port};branch=${branch};rport`],
      ['Max-Forwards', '70'],
      ['From', this.localParty()],
      ['To', this.remoteParty()],
      ['Call-ID', this.sipCallId],
      ['CSeq', cseq],
    ];
  }

  protected contactHeader(): readonly [string, string] {
    return ['Contact', `<sip:gateway@${this.stack.local.address}:${this.stack.local.port}${this.target.stream ? ';transport=tcp' : ''}>`];
  }

  protected respond(request: SipRequest, status: number, reason: string, extra: HeaderList = [], body = ''): void {
    const toTag = status > 100 ? this.localTag : undefined;
    const text = formatResponse(request, status, reason, extra, body, toTag);
    this.stack.transactions.respond(request, status, text);
    if (request.method === 'INVITE' && status >= 200 && status < 300) {
      this.stack.transactions.retransmit2xx(request, text, () => {
        this.stack.logger.info({ legId: this.legId }, 'sip: no ACK for a 2xx, ending the leg');
        this.sendBye();
        this.farEndEnded('normal');
      });
    }
  }

  /** The far end ended the leg (BYE, CANCEL, media timeout, a failure response). */
  protected farEndEnded(cause: LegEndCause): void {
    if (this.state === 'ended') return;
    this.cleanUp();
    this.stack.host.ended(this.legId, cause);
  }

  protected cleanUp(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    clearTimeout(this.glareRetry);
    this.sessionTimer.stop();
    this.stack.host.mixer.detach(this.legId);
    if (this.rtp) this.stack.host.mediaEnded(this.legId, this.rtp.stats());
    this.rtp?.close();
    // Late responses and retransmissions still find the dialog for a moment.
    setTimeout(() => this.stack.forget(this.sipCallId), 5_000).unref();
  }

  /** A re-INVITE (the far end holds, resumes or moves its media): answered with the same codec. */
  private reinvited(request: SipRequest): void {
    if (this.state !== 'confirmed' || request.body.trim() === '') return this.respond(request, 488, 'Not Acceptable Here');
    if (this.intervalTooSmall(request)) return;
    if (this.reinviteCSeq !== undefined) return this.respond(request, 491, 'Request Pending');
    try {
      const { answer, media } = answerOffer(request.body, this.localMedia());
      this.media = media;
      this.rtp?.use(media);
      this.refreshedByFarEnd(request);
      this.respond(
        request,
        200,
        'OK',
        [this.contactHeader(), ...this.sessionHeaders(this.session?.gatewayRefreshes ? 'uas' : 'uac'), ['Content-Type', 'application/sdp']],
        answer,
      );
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
      this.respond(request, 488, 'Not Acceptable Here');
    }
  }

  /** An UPDATE (RFC 3311) from the far end: a session refresh (RFC 4028 prefers it), with or without a new offer. */
  private updated(request: SipRequest): void {
    if (this.state !== 'confirmed') return this.respond(request, 481, 'Call/Transaction Does Not Exist');
    if (this.intervalTooSmall(request)) return;
    if (request.body.trim() === '') {
      this.refreshedByFarEnd(request);
      return this.respond(request, 200, 'OK', [
        this.contactHeader(),
        ...this.sessionHeaders(this.session?.gatewayRefreshes ? 'uas' : 'uac'),
      ]);
    }
    this.reinvited(request);
  }

  /** Answers 422 with the gateway's Min-SE to a request asking for a shorter session interval (RFC 4028 §8.1). */
  protected intervalTooSmall(request: SipRequest): boolean {
    const expires = sessionExpiresOf(request);
    if (!expires || expires.seconds >= this.stack.sessionTimer.minExpiresS) return false;
    this.respond(request, 422, 'Session Interval Too Small', [['Min-SE', String(this.stack.sessionTimer.minExpiresS)]]);
    return true;
  }

  protected sessionTimerStart(): void {
    if (this.session) this.sessionTimer.start(this.session.seconds, this.session.gatewayRefreshes);
  }

  /** A refresh the far end sent: the timer restarts, with the interval it asked for when it asked for one. */
  private refreshedByFarEnd(request: SipRequest): void {
    const expires = sessionExpiresOf(request);
    if (expires) this.sessionAgreed(request, 'uas');
    else if (this.session) this.sessionTimer.start(this.session.seconds, this.session.gatewayRefreshes);
  }

  /** SIP INFO DTMF (application/dtmf-relay), which some phones send instead of RFC 4733 events. */
  private infoDigit(request: SipRequest): void {
    if (!/dtmf/i.test(header(request, 'content-type') ?? '')) return;
    const digit = /Signal\s*=\s*([0-9*#A-D])/i.exec(request.body)?.[1];
    if (digit) this.stack.host.pressed(this.legId, digit);
  }
}

export const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE';
