/**
 * SIP over TCP (RFC 3261 §18.3): a listener on the gateway's SIP port, messages framed by their Content-Length.
 * Requests that arrive on a connection are answered on it, a desk phone registered over TCP is rung on its
 * connection, and the gateway opens (and reuses) connections to trunks whose transport is TCP. A connection that sends an oversized or unreadable message is closed (and the message counted).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { parseSipMessage, type SipMessage } from '../webrtc-edge/sip-message.js';
import type { DroppedReason, SipAddress, SipStream } from './sip-udp-transport.js';

/** A message on a stream may be larger than a datagram, not unboundedly so. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60_000;

export interface SipTcpTransportOptions {
  host: string;
  port: number;
  onMessage(message: SipMessage, source: SipAddress): void;
  onDropped(reason: DroppedReason, source: SipAddress): void;
  /** A connection closed (either side, or idle for 10 minutes): the dialogs signalled on it can be told. */
  onClosed?(stream: SipStream): void;
}

export class SipTcpTransport {
  private readonly sockets = new Set<Socket>();
  /** Connections the gateway opened (to trunks), by `address:port`, reused while open. */
  private readonly outgoing = new Map<string, Promise<SipAddress>>();

  private constructor(
    private readonly server: Server,
    private readonly options: SipTcpTransportOptions,
  ) {}

  static async open(options: SipTcpTransportOptions): Promise<SipTcpTransport> {
    const server = createServer();
    const transport = new SipTcpTransport(server, options);
    server.on('connection', (socket) => transport.accept(socket, options));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return transport;
  }

  /** A connection to `address:port` (a trunk's), opened or reused; what it receives is handled like any message. */
  connect(address: string, port: number): Promise<SipAddress> {
    const key = `${address}:${port}`;
    const existing = this.outgoing.get(key);
    if (existing) return existing;
    const opening = new Promise<SipAddress>((resolve, reject) => {
      const socket = connect(port, address);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        // A closed connection is never reused: the next call opens a new one (or learns the peer is gone).
        socket.once('close', () => {
          if (this.outgoing.get(key) === opening) this.outgoing.delete(key);
        });
        resolve(this.accept(socket, this.options));
      });
    });
    this.outgoing.set(key, opening);
    opening.catch(() => this.outgoing.delete(key));
    return opening;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Frames what the connection receives into messages; returns the address its messages come from. */
  private accept(socket: Socket, options: SipTcpTransportOptions): SipAddress {
    this.sockets.add(socket);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => undefined);
    const stream: SipStream = {
      send: (text) => {
        if (!socket.destroyed) socket.write(text);
      },
      get isOpen() {
        return !socket.destroyed;
      },
    };
    socket.on('close', () => {
      this.sockets.delete(socket);
      options.onClosed?.(stream);
    });
    const source: SipAddress = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0, stream };
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        // RFC 5626 keep-alives: CRLFs between messages.
        while (buffered.length >= 2 && buffered[0] === 0x0d && buffered[1] === 0x0a) buffered = buffered.subarray(2);
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd < 0) {
          if (buffered.length > MAX_MESSAGE_BYTES) return this.refuse(socket, options, 'oversized', source);
          return;
        }
        const length = Number(/\r\n(?:content-length|l)\s*:\s*(\d+)/i.exec(buffered.subarray(0, headEnd).toString('latin1'))?.[1] ?? 0);
        const total = headEnd + 4 + length;
        if (total > MAX_MESSAGE_BYTES) return this.refuse(socket, options, 'oversized', source);
        if (buffered.length < total) return;
        const message = parseSipMessage(buffered.subarray(0, total).toString('utf8'));
        buffered = buffered.subarray(total);
        if (!message) return this.refuse(socket, options, 'malformed', source);
        options.onMessage(message, source);
      }
    });
    return source;
  }

  private refuse(socket: Socket, options: SipTcpTransportOptions, reason: DroppedReason, source: SipAddress): void {
    options.onDropped(reason, source);
    socket.destroy();
  }
}
