/** A raw SIP peer over UDP on 127.0.0.1 for tests: sends what it is given, keeps every message it receives. */
import { createSocket, type Socket } from 'node:dgram';
import { parseSipMessage, type SipMessage } from '../../packages/gateway/src/adapters/webrtc-edge/sip-message.js';

export interface ReceivedSip {
  message: SipMessage;
  from: { address: string; port: number };
}

export class SipSocket {
  readonly received: ReceivedSip[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('message', (datagram, info) => {
      const message = parseSipMessage(datagram.toString());
      if (message) this.received.push({ message, from: { address: info.address, port: info.port } });
    });
  }

  static async open(port = 0): Promise<SipSocket> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', () => resolve()));
    return new SipSocket(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(data: string | Buffer, port: number): void {
    this.socket.send(data, port, '127.0.0.1');
  }

  /** The first message received from `fromIndex` on that matches, waiting up to `timeoutMs`. */
  async next(predicate: (message: SipMessage) => boolean, fromIndex = 0, timeoutMs = 5_000): Promise<ReceivedSip> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(fromIndex).find((entry) => predicate(entry.message));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching SIP message within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

export const isRequest = (method: string) => (message: SipMessage) => message.kind === 'request' && message.method === method;
export const isResponse = (status: number) => (message: SipMessage) => message.kind === 'response' && message.status === status;
