/**
 * Closes sockets that sent nothing for `idleTimeoutMs` (clients ping every heartbeat interval), and sockets that did not
 * sign in (or resume) within `signInTimeoutMs` of opening, pings or not. One timer checks every connection of the
 * endpoint, instead of timers per connection; it runs only while there are connections.
 */
import type { WebSocket } from 'ws';
import { CloseCode } from '@agentsdk/protocol';

export interface IdleConnectionLimits {
  idleTimeoutMs: number;
  signInTimeoutMs: number;
  /** Told of each socket closed for not signing in. */
  onSignInTimeout(): void;
}

interface Anonymous {
  openedAt: number;
  isSignedIn: () => boolean;
}

export class IdleConnections {
  private readonly lastFrameAt = new Map<WebSocket, number>();
  private readonly anonymous = new Map<WebSocket, Anonymous>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly limits: IdleConnectionLimits) {}

  /** A socket opened: it must sign in before `signInTimeoutMs`, as `isSignedIn` tells. */
  opened(socket: WebSocket, isSignedIn: () => boolean): void {
    this.anonymous.set(socket, { openedAt: Date.now(), isSignedIn });
    this.heard(socket);
  }

  /** The socket sent a frame. */
  heard(socket: WebSocket): void {
    this.lastFrameAt.set(socket, Date.now());
    const { idleTimeoutMs, signInTimeoutMs } = this.limits;
    this.timer ??= setInterval(() => this.closeSilent(), Math.min(idleTimeoutMs, signInTimeoutMs, 10_000));
  }

  forget(socket: WebSocket): void {
    this.lastFrameAt.delete(socket);
    this.anonymous.delete(socket);
    if (this.lastFrameAt.size === 0 && this.timer) {
      clearInterval(this.timer);
      delete this.timer;
    }
  }

  private closeSilent(): void {
    const now = Date.now();
    for (const [socket, at] of this.lastFrameAt) {
      if (now - at > this.limits.idleTimeoutMs) socket.close(CloseCode.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
    }
    for (const [socket, { openedAt, isSignedIn }] of this.anonymous) {
      if (isSignedIn()) this.anonymous.delete(socket);
      else if (now - openedAt > this.limits.signInTimeoutMs) {
        this.anonymous.delete(socket);
        this.limits.onSignInTimeout();
        socket.close(CloseCode.SIGN_IN_TIMEOUT, 'sign in (login or resume) within the time allowed');
      }
    }
  }
}
