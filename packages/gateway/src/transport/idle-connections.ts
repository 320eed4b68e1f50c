/**
 * Closes sockets that sent nothing for `idleTimeoutMs` (clients ping every heartbeat interval). One timer checks every
 * connection of the endpoint, instead of a timer per connection; it runs only while there are connections.
 */
import type { WebSocket } from 'ws';
import { CloseCode } from '@agentsdk/protocol';

export class IdleConnections {
  private readonly lastFrameAt = new Map<WebSocket, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs: number) {}

  /** The socket sent a frame (or just opened). */
  heard(socket: WebSocket): void {
    this.lastFrameAt.set(socket, Date.now());
    this.timer ??= setInterval(() => this.closeSilent(), Math.min(this.idleTimeoutMs, 10_000));
  }

  forget(socket: WebSocket): void {
    this.lastFrameAt.delete(socket);
    if (this.lastFrameAt.size === 0 && this.timer) {
      clearInterval(this.timer);
      delete this.timer;
    }
  }

  private closeSilent(): void {
    const now = Date.now();
    for (const [socket, at] of this.lastFrameAt) {
      if (now - at > this.idleTimeoutMs) socket.close(CloseCode.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
    }
  }
}
