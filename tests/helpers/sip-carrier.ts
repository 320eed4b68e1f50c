/**
 * A raw SIP carrier for tests that read what the gateway sends a trunk: it answers the gateway's INVITEs, waits for
 * their ACKs, and sends requests in the dialogs they made (re-INVITE, UPDATE, BYE) as the far end.
 */
import { formatResponse, header, parseCSeq, type SipRequest } from '../../packages/gateway/src/adapters/webrtc-edge/sip-message.js';
import { isRequest, SipSocket } from './sip-socket.js';

export class RawCarrier {
  private cseq = 100;

  private constructor(readonly socket: SipSocket) {}

  static async open(): Promise<RawCarrier> {
    return new RawCarrier(await SipSocket.open());
  }

  get port(): number {
    return this.socket.port;
  }

  /** How many messages arrived so far: a mark to wait for later ones. */
  get mark(): number {
    return this.socket.received.length;
  }

  /** An SDP answer or offer for PCMU and telephone-events on `rtpPort`. */
  sdp(direction = 'sendrecv', rtpPort = this.port + 2): string {
    return [
      'v=0',
      'o=carrier 1 1 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${rtpPort} RTP/AVP 0 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  /** The next INVITE whose To names `to`. */
  async nextInvite(to: string, mark = 0, timeoutMs = 10_000): Promise<SipRequest> {
    return (await this.socket.next((m) => isRequest('INVITE')(m) && header(m, 'to')!.includes(to), mark, timeoutMs)).message as SipRequest;
  }

  /** The next request of `method` in the dialog of `invite`. */
  async nextInDialog(invite: SipRequest, method: string, mark: number, timeoutMs = 10_000): Promise<SipRequest> {
    return (await this.socket.next((m) => isRequest(method)(m) && header(m, 'call-id') === header(invite, 'call-id'), mark, timeoutMs))
      .message as SipRequest;
  }

  /** Answers a request; a 2xx to an INVITE carries an SDP (`sdp`) and the carrier's Contact. */
  respond(request: SipRequest, status: number, reason: string, tag: string, extra: [string, string][] = [], sdp?: string): void {
    const body = sdp ?? (request.method === 'INVITE' && status < 300 ? this.sdp() : '');
    const headers: [string, string][] = [
      ...(request.method === 'INVITE' && status < 300 ? [['Contact', `<sip:carrier@127.0.0.1:${this.port}>`] as [string, string]] : []),
      ...extra,
    ];
    if (body !== '') headers.push(['Content-Type', 'application/sdp']);
    this.socket.send(formatResponse(request, status, reason, headers, body, tag), this.gatewayPort(request));
  }

  /** The ACK of a final response to `invite` (same CSeq number). */
  async ackOf(invite: SipRequest, mark: number): Promise<SipRequest> {
    const seq = parseCSeq(invite)!.seq;
    return (
      await this.socket.next(
        (m) => isRequest('ACK')(m) && header(m, 'call-id') === header(invite, 'call-id') && header(m, 'cseq') === `${seq} ACK`,
        mark,
      )
    ).message as SipRequest;
  }

  /** A request from the carrier in the dialog the gateway's `invite` made (the carrier answered it with `tag`). */
  sendInDialog(invite: SipRequest, method: string, tag: string, extra: [string, string][] = [], body = '', cseq = ++this.cseq): void {
    const lines = [
      `${method} ${/<([^>]+)>/.exec(header(invite, 'contact')!)![1]} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=z9hG4bK${method.toLowerCase()}${cseq}x${Math.random().toString(36).slice(2, 8)};rport`,
      `From: <${/<([^>]+)>/.exec(header(invite, 'to')!)![1]}>;tag=${tag}`,
      `To: ${header(invite, 'from')}`,
      `Call-ID: ${header(invite, 'call-id')}`,
      `CSeq: ${cseq} ${method}`,
      `Contact: <sip:carrier@127.0.0.1:${this.port}>`,
      ...extra.map(([name, value]) => `${name}: ${value}`),
      ...(body === '' ? [] : ['Content-Type: application/sdp']),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    this.socket.send(lines.join('\r\n'), this.gatewayPort(invite));
  }

  /** The carrier's response to its own request of `method` with CSeq number `cseq`. */
  async responseTo(method: string, cseq: number, mark: number) {
    return (await this.socket.next((m) => m.kind === 'response' && header(m, 'cseq') === `${cseq} ${method}`, mark)).message;
  }

  close(): void {
    this.socket.close();
  }

  /** The gateway's SIP port: where its request came from. */
  private gatewayPort(request: SipRequest): number {
    return (
      this.socket.received.find((entry) => entry.message === request)?.from.port ??
      Number(/:(\d+)/.exec(header(request, 'via')!.split(' ')[1]!)![1])
    );
  }
}
