/**
 * One call the edge places to a registered softphone: the INVITE client transaction and its dialog (RFC 3261 §13,
 * §15, §9), with the werift media behind it. The leg itself lives in the router's switchboard, which this class tells
 * when the phone answers or ends the call.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../ports/logger.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { DialRequest, LegEndCause } from '../../ports/telephony.js';
import type { ConversationMixer } from '../media/conversation-mixer.js';
import { reply, type SipDialogHandler, type SipEdge } from './sip-edge.js';
import { parseNameAddr } from './sip-headers.js';
import { formatRequest, header, parseCSeq, type HeaderList, type SipRequest, type SipResponse } from './sip-message.js';
import type { SipBinding, SipConnection } from './sip-registrar.js';
import { SoftphoneMedia, type MediaOptions } from './softphone-media.js';
import type { LegMediaStats } from '@agentsdk/protocol';

/** The edge's own SIP host name: never resolved, since every message goes back on the socket it belongs to. */
export const EDGE_HOST = 'agent-gateway.invalid';

export interface ExternalLegs {
  answered(legId: string): void;
  ended(legId: string, cause: LegEndCause): void;
  /** The leg's RTP counters, before its end is reported. */
  mediaEnded(legId: string, stats: LegMediaStats): void;
}

export interface SoftphoneCallDeps {
  edge: SipEdge;
  mixer: ConversationMixer;
  legs: ExternalLegs;
  clock: Clock;
  logger: Logger;
  media: MediaOptions;
}

type State = 'preparing' | 'inviting' | 'confirmed' | 'ended';

const token = (bytes = 8) => randomBytes(bytes).toString('hex');

export class SoftphoneCall implements SipDialogHandler {
  private state: State = 'preparing';
  private readonly sipCallId = `${token(12)}@${EDGE_HOST}`;
  private readonly fromTag = token(6);
  private readonly inviteBranch = `z9hG4bK${token()}`;
  private cseq = 1;
  private toTag: string | undefined;
  private remoteTarget: string;
  private media: SoftphoneMedia | undefined;
  private timeout: TimerHandle | undefined;

  constructor(
    private readonly request: DialRequest,
    private readonly binding: SipBinding,
    private readonly deps: SoftphoneCallDeps,
    private readonly onFinished: () => void,
  ) {
    this.remoteTarget = binding.contactUri;
  }

  get legId(): string {
    return this.request.legId;
  }

  /** Sends the INVITE with the media offer; the leg ends `noAnswer` if the phone does not answer in time. Never rejects. */
  async start(): Promise<void> {
    this.timeout = this.deps.clock.schedule(this.request.timeoutMs, () => this.giveUp());
    let offer: string;
    try {
      const media = new SoftphoneMedia(this.deps.media, (samples) => this.deps.mixer.received(this.legId, samples));
      this.media = media;
      offer = await media.createOffer();
    } catch (error) {
      this.deps.logger.error({ err: error, legId: this.legId }, 'softphone: creating the media offer failed');
      return this.finish('invalid');
    }
    if (this.state !== 'preparing') return;
    this.state = 'inviting';
    this.deps.edge.addDialog(this.sipCallId, this);
    this.send(
      formatRequest(
        'INVITE',
        this.remoteTarget,
        [...this.dialogHeaders('INVITE', this.inviteBranch), ['Content-Type', 'application/sdp']],
        offer,
      ),
    );
  }

  /** The gateway ends the leg: CANCEL while it rings, BYE once answered. The simulator reports the end. */
  hangup(): void {
    if (this.state === 'inviting') this.send(formatRequest('CANCEL', this.remoteTarget, this.cancelHeaders()));
    else if (this.state === 'confirmed') this.sendBye();
    this.cleanUp();
  }

  onResponse(response: SipResponse): void {
    const cseq = parseCSeq(response);
    if (cseq?.method !== 'INVITE' || response.status < 200) return;
    if (response.status >= 300) {
      this.send(formatRequest('ACK', this.binding.contactUri, this.ackForFailureHeaders(response)));
      if (this.state === 'inviting') this.finish(causeOf(response.status));
      return;
    }
    this.toTag = parseNameAddr(header(response, 'to') ?? '')?.params.tag;
    const contact = parseNameAddr(header(response, 'contact') ?? '');
    if (contact) this.remoteTarget = contact.uri;
    this.send(formatRequest('ACK', this.remoteTarget, this.dialogHeaders('ACK', `z9hG4bK${token()}`, 1)));
    if (this.state !== 'inviting') {
      // Answered after the gateway gave up (CANCEL crossed the 200): end the dialog it created.
      this.sendBye();
      return;
    }
    this.state = 'confirmed';
    void this.connectMedia(response.body);
  }

  onRequest(request: SipRequest, connection: SipConnection): void {
    switch (request.method) {
      case 'BYE':
        reply(connection, request, 200, 'OK');
        if (this.state === 'confirmed') this.finish('normal');
        return;
      case 'ACK':
        return;
      case 'INVITE':
        // Hold and mute are the gateway's, applied to the media it sends; the phone does not renegotiate.
        return reply(connection, request, 488, 'Not Acceptable Here');
      case 'INFO':
        return reply(connection, request, 200, 'OK');
      default:
        return reply(connection, request, 405, 'Method Not Allowed');
    }
  }

  private async connectMedia(answer: string): Promise<void> {
    try {
      await this.media!.acceptAnswer(answer);
    } catch (error) {
      this.deps.logger.warn({ err: error, legId: this.legId }, 'softphone: the answer SDP was refused');
      this.sendBye();
      return this.finish('invalid');
    }
    if (this.state !== 'confirmed') return;
    this.timeout?.cancel();
    this.deps.mixer.attach(this.legId, this.media!);
    this.deps.legs.answered(this.legId);
  }

  private giveUp(): void {
    if (this.state !== 'preparing' && this.state !== 'inviting') return;
    if (this.state === 'inviting') this.send(formatRequest('CANCEL', this.remoteTarget, this.cancelHeaders()));
    this.finish('noAnswer');
  }

  /** The phone's side ended the leg. */
  private finish(cause: LegEndCause): void {
    if (this.state === 'ended') return;
    this.cleanUp();
    this.deps.legs.ended(this.legId, cause);
  }

  private cleanUp(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.timeout?.cancel();
    this.deps.mixer.detach(this.legId);
    if (this.media) this.deps.legs.mediaEnded(this.legId, this.media.stats());
    void this.media?.close();
    // Late responses (the 487 to a CANCEL, the 200 to a BYE) still need their dialog for a moment.
    setTimeout(() => this.deps.edge.removeDialog(this.sipCallId), 5_000).unref();
    this.onFinished();
  }

  private sendBye(): void {
    this.cseq += 1;
    this.send(formatRequest('BYE', this.remoteTarget, this.dialogHeaders('BYE', `z9hG4bK${token()}`, this.cseq)));
  }

  private dialogHeaders(method: string, branch: string, cseq = this.cseq): HeaderList {
    const { callerId, callId, destination } = this.request;
    return [
      ['Via', `SIP/2.0/WS ${EDGE_HOST};branch=${branch}`],
      ['Max-Forwards', '70'],
      ['From', `"${callerId.replace(/["\\]/g, '')}" <sip:${encodeURIComponent(callerId)}@${EDGE_HOST}>;tag=${this.fromTag}`],
      ['To', `<sip:${encodeURIComponent(destination.address)}@${EDGE_HOST}>${this.toTag ? `;tag=${this.toTag}` : ''}`],
      ['Call-ID', this.sipCallId],
      ['CSeq', `${cseq} ${method}`],
      ['Contact', `<sip:gateway@${EDGE_HOST};transport=ws>`],
      ['X-Call-Id', callId],
      ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO'],
    ];
  }

  /** A CANCEL matches the INVITE: same branch, same CSeq number (RFC 3261 §9.1). */
  private cancelHeaders(): HeaderList {
    return this.dialogHeaders('CANCEL', this.inviteBranch, 1).filter(([name]) => name !== 'Contact');
  }

  /** The ACK of a failure response belongs to the INVITE transaction: same branch, the response's To. */
  private ackForFailureHeaders(response: SipResponse): HeaderList {
    return this.dialogHeaders('ACK', this.inviteBranch, 1).map(
      ([name, value]) => [name, name === 'To' ? (header(response, 'to') ?? value) : value] as const,
    );
  }

  private send(text: string): void {
    const now = this.deps.clock.now();
    const current = this.deps.edge.registrar.lookup(this.request.tenantId, this.request.destination.address, now);
    const connection = this.binding.connection.isOpen ? this.binding.connection : current?.connection;
    connection?.send(text);
  }
}

function causeOf(status: number): LegEndCause {
  if (status === 486 || status === 600) return 'busy';
  if (status === 404 || status === 410 || status === 480 || status === 484) return 'invalid';
  if (status === 408) return 'noAnswer';
  return 'rejected';
}
