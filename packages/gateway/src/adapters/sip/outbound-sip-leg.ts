/**
 * A leg the gateway dials over SIP (to a trunk or a desk phone): the INVITE with its offer, the answer to a digest
 * challenge, CANCEL when it gives up, failure responses mapped to the port's end causes, the ACK of the 2xx.
 */
import type { DialRequest, LegEndCause } from '../../ports/telephony.js';
import { parseNameAddr } from '../webrtc-edge/sip-headers.js';
import { formatRequest, header, type HeaderList, type SipResponse } from '../webrtc-edge/sip-message.js';
import { answerChallenge, type DigestCredentials } from './digest-client.js';
import { createOffer, negotiate, SdpError } from './sdp-negotiation.js';
import { minSessionExpiresOf } from './session-timer.js';
import { ALLOW, newBranch, SipLeg, token, type SipStack } from './sip-leg.js';
import type { SipAddress } from './sip-udp-transport.js';

export interface OutboundRoute {
  requestUri: string;
  /** The To URI: the number or extension dialled. */
  toUri: string;
  target: SipAddress;
  /** Digest credentials for a challenge (a trunk's). */
  credentials?: DigestCredentials;
  /** Hold is signalled by re-INVITE (default true). */
  holdReinvite?: boolean;
  /** Further headers of the INVITE (the phone a node calls through the cluster trunk). */
  headers?: HeaderList;
}

export class OutboundSipLeg extends SipLeg {
  protected readonly localTag = token(6);
  protected remoteTarget: string;
  protected readonly target: SipAddress;
  private inviteBranch = newBranch();
  private inviteText = '';
  private offer = '';
  private challenged = false;
  private cancelled = false;
  private lateAnswerEnded = false;
  private authorization: HeaderList = [];
  /** The session interval a 422 asked for. */
  private requestedInterval: number | undefined;
  private timeout: NodeJS.Timeout | undefined;

  constructor(
    private readonly request: DialRequest,
    private readonly route: OutboundRoute,
    stack: SipStack,
  ) {
    super(request.legId, `${token(12)}@${stack.local.address}`, stack);
    this.remoteTarget = route.requestUri;
    this.target = route.target;
    this.signalsHold = route.holdReinvite ?? true;
  }

  /** Sends the INVITE; the leg ends `noAnswer` if not answered within the dial timeout. Never rejects. */
  async start(): Promise<void> {
    this.timeout = setTimeout(() => this.giveUp('noAnswer'), this.request.timeoutMs);
    try {
      await this.openRtp();
    } catch (error) {
      this.stack.logger.error({ err: error, legId: this.legId }, 'sip: no RTP port for an outbound leg');
      return this.farEndEnded('invalid');
    }
    if (this.state !== 'setup') return;
    this.offer = createOffer(this.localMedia());
    this.sendInvite([]);
  }

  hangup(_cause: LegEndCause): void {
    if (this.state === 'setup') this.cancel();
    else this.sendBye();
    this.cleanUp();
  }

  protected localParty(): string {
    const callerId = this.request.callerId;
    return `"${callerId.replace(/["\\]/g, '')}" <sip:${encodeURIComponent(callerId)}@${this.stack.local.address}>;tag=${this.localTag}`;
  }

  protected remoteParty(): string {
    return `<${this.route.toUri}>${this.remoteTag ? `;tag=${this.remoteTag}` : ''}`;
  }

  protected override cleanUp(): void {
    clearTimeout(this.timeout);
    super.cleanUp();
  }

  private sendInvite(authorization: HeaderList): void {
    this.authorization = authorization;
    const timer = this.stack.sessionTimer;
    this.inviteText = formatRequest(
      'INVITE',
      this.route.requestUri,
      [
        ...this.baseHeaders(this.inviteBranch, `${this.localCSeq} INVITE`),
        this.contactHeader(),
        ['Allow', ALLOW],
        ['Supported', 'timer'],
        ['Session-Expires', String(this.requestedInterval ?? timer.expiresS)],
        ['Min-SE', String(Math.max(timer.minExpiresS, this.requestedInterval ?? 0))],
        ['X-Call-Id', this.request.callId],
        ...passedVariableHeaders(this.request.passedVariables),
        ...(this.route.headers ?? []),
        ...authorization,
        ['Content-Type', 'application/sdp'],
      ],
      this.offer,
    );
    const branch = this.inviteBranch;
    const cseq = this.localCSeq;
    this.stack.transactions.request({
      method: 'INVITE',
      branch,
      text: this.inviteText,
      target: this.target,
      onResponse: (response) => this.onInviteResponse(response, branch),
      onTimeout: () => this.giveUp('noAnswer'),
      ackFor: (response) => formatRequest('ACK', this.route.requestUri, this.failureAckHeaders(response, branch, cseq)),
    });
  }

  private onInviteResponse(response: SipResponse, branch: string): void {
    if (response.status < 200) return;
    if (response.status >= 300) {
      if (branch !== this.inviteBranch || this.state !== 'setup') return;
      if ((response.status === 401 || response.status === 407) && this.retryWithCredentials(response)) return;
      if (response.status === 422 && this.retryWithLongerInterval(response)) return;
      return this.farEndEnded(causeOf(response.status));
    }
    this.remoteTag = parseNameAddr(header(response, 'to') ?? '')?.params.tag;
    const contact = parseNameAddr(header(response, 'contact') ?? '');
    if (contact) this.remoteTarget = contact.uri;
    const ackCSeq = `${this.localCSeq} ACK`;
    this.send(formatRequest('ACK', this.remoteTarget, this.baseHeaders(newBranch(), ackCSeq)));
    if (this.state === 'ended') {
      // Answered after the gateway gave up (CANCEL crossed the 200): end the dialog that 200 created, once.
      if (!this.lateAnswerEnded) this.inDialogRequest('BYE');
      this.lateAnswerEnded = true;
      return;
    }
    if (this.state === 'confirmed') return; // a retransmitted 2xx, acknowledged again above
    try {
      this.media = negotiate(response.body);
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
      this.inDialogRequest('BYE');
      return this.farEndEnded('invalid');
    }
    clearTimeout(this.timeout);
    this.state = 'confirmed';
    this.sessionAgreed(response, 'uac');
    this.startMedia();
    this.stack.host.answered(this.legId);
  }

  private retryWithCredentials(response: SipResponse): boolean {
    const credentials = this.route.credentials;
    if (!credentials || this.challenged) return false;
    const challenge = header(response, response.status === 407 ? 'proxy-authenticate' : 'www-authenticate');
    const answer = answerChallenge(response.status, challenge, 'INVITE', this.route.requestUri, credentials);
    if (!answer) return false;
    this.challenged = true;
    this.localCSeq += 1;
    this.inviteBranch = newBranch();
    this.sendInvite([[answer.header, answer.value]]);
    return true;
  }

  /** A 422: the far end wants a session interval of at least its Min-SE; asked once more with that (RFC 4028 §7.4). */
  private retryWithLongerInterval(response: SipResponse): boolean {
    const minimum = minSessionExpiresOf(response);
    if (minimum === undefined || this.requestedInterval !== undefined) return false;
    this.requestedInterval = Math.max(minimum, this.stack.sessionTimer.minExpiresS);
    this.localCSeq += 1;
    this.inviteBranch = newBranch();
    this.sendInvite(this.authorization);
    return true;
  }

  private giveUp(cause: LegEndCause): void {
    if (this.state !== 'setup') return;
    this.cancel();
    this.farEndEnded(cause);
  }

  /** A CANCEL matches the INVITE: same branch, same CSeq number (RFC 3261 §9.1). */
  private cancel(): void {
    if (this.cancelled || this.inviteText === '') return;
    this.cancelled = true;
    const branch = this.inviteBranch;
    const headers = this.baseHeaders(branch, `${this.localCSeq} CANCEL`);
    this.stack.transactions.request({
      method: 'CANCEL',
      branch,
      text: formatRequest('CANCEL', this.route.requestUri, headers),
      target: this.target,
      onResponse: () => undefined,
      onTimeout: () => undefined,
    });
  }

  /** The ACK of a failure response belongs to the INVITE transaction: same branch, the response's To. */
  private failureAckHeaders(response: SipResponse, branch: string, cseq: number): HeaderList {
    return this.baseHeaders(branch, `${cseq} ACK`).map(
      ([name, value]) => [name, name === 'To' ? (header(response, 'to') ?? value) : value] as const,
    );
  }

  private send(text: string): void {
    this.stack.send(text, this.target);
  }
}

/**
 * Type 3 channel variables as `X-<name>` headers. Names are letters, digits and _ (the protocol's schema); control
 * characters in a value (a CR LF would start a header of the caller's choosing) become spaces.
 */
export function passedVariableHeaders(variables: Record<string, string> | undefined): HeaderList {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a header value must not carry
  return Object.entries(variables ?? {}).map(([name, value]) => [`X-${name}`, value.replace(/[\u0000-\u001f\u007f]/g, ' ')] as const);
}

/** Carrier and phone failure responses as the port's end causes (issue 11's mapping). */
export function causeOf(status: number): LegEndCause {
  if (status === 486 || status === 600) return 'busy';
  if (status === 408 || status === 480) return 'noAnswer';
  if (status === 603) return 'rejected';
  if (status === 404 || status === 484 || status === 410 || status === 604) return 'invalid';
  if (status >= 500) return 'failed';
  return 'rejected';
}
