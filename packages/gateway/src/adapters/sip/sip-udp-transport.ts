/**
 * SIP over UDP (RFC 3261 §18): one socket on the gateway's SIP port. Every datagram is parsed on its own; one that is
 * oversized or unreadable is dropped and reported, never answered, so a flood of garbage costs no replies.
 */
import { createSocket, type Socket } from 'node:dgram';
import { parseSipMessage, type SipMessage } from '../webrtc-edge/sip-message.js';

/** A SIP connection over a stream transport (TCP): messages to its peer go on it, whatever the address says. */
export interface SipStream {
  send(text: string): void;
  readonly isOpen: boolean;
}

/** Where a message came from or goes to; `stream` when it travels on a TCP connection rather than over UDP. */
export interface SipAddress {
  address: string;
  port: number;
  stream?: SipStream;
}

/** Larger datagrams are dropped: a SIP message over UDP must fit a path MTU anyway (RFC 3261 §18.1.1). */
export const MAX_DATAGRAM_BYTES = 8 * 1024;

export type DroppedReason = 'oversized' | 'malformed';

export interface SipUdpTransportOptions {
  host: string;
  port: number;
  onMessage(message: SipMessage, source: SipAddress): void;
  onDropped(reason: DroppedReason, source: SipAddress): void;
}

export class SipUdpTransport {
  private constructor(
    private readonly socket: Socket,
    readonly local: SipAddress,
  ) {}

  static async open(options: SipUdpTransportOptions): Promise<SipUdpTransport> {
    const socket = createSocket({ type: options.host.includes(':') ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', () => undefined);
    socket.on('message', (datagram, info) => {
      const source = { address: info.address, port: info.port };
      if (datagram.length > MAX_DATAGRAM_BYTES) return options.onDropped('oversized', source);
      const text = datagram.toString('utf8');
      // RFC 5626 keep-alives are bare CRLFs: nothing to answer over UDP.
      if (text.trim() === '') return;
      const message = parseSipMessage(text);
      if (!message) return options.onDropped('malformed', source);
      options.onMessage(message, source);
    });
    const bound = socket.address();
    return new SipUdpTransport(socket, { address: bound.address, port: bound.port });
  }

  send(text: string, target: SipAddress): void {
    this.socket.send(text, target.port, target.address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
