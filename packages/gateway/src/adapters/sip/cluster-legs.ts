/**
 * The legs between this node and the other nodes of its cluster (./cluster-trunk.ts), each on a TCP connection between
 * the two nodes: a connection that closes takes its legs with it (the other node died), and while legs use a
 * connection RFC 5626 keep-alives (CRLF CRLF) keep it from closing for idleness during a long, quiet call.
 */
import type { SipLeg } from './sip-leg.js';
import type { SipStream } from './sip-udp-transport.js';

const KEEPALIVE_MS = 60_000;

export class ClusterLegs {
  private readonly legIds = new Set<string>();
  private readonly keepAlive: NodeJS.Timeout;

  constructor(private readonly legOf: (legId: string) => SipLeg | undefined) {
    this.keepAlive = setInterval(() => this.sendKeepAlives(), KEEPALIVE_MS).unref();
  }

  add(legId: string): void {
    this.legIds.add(legId);
  }

  forget(legId: string): void {
    this.legIds.delete(legId);
  }

  /** The legs on a closed connection end `failed`. */
  connectionClosed(stream: SipStream): void {
    for (const legId of this.legIds) {
      const leg = this.legOf(legId);
      if (leg?.stream !== stream) continue;
      this.legIds.delete(legId);
      leg.signallingLost();
    }
  }

  close(): void {
    clearInterval(this.keepAlive);
    this.legIds.clear();
  }

  private sendKeepAlives(): void {
    const streams = new Set([...this.legIds].map((legId) => this.legOf(legId)?.stream));
    for (const stream of streams) stream?.send('\r\n\r\n');
  }
}
