/**
 * One WebSocket to the gateway: opening it, request/response matching, event delivery and the heartbeat.
 * It knows frames, not sessions; the session logic lives in gateway-link.ts.
 */
import { CloseCode, type ClientFrame, type EventFrame, type ResponseFrame } from '@agentsdk/protocol';
import type { DebugLog } from './debug-log.js';
import { AgentSdkError, ErrorCodes } from './errors.js';
import { parseServerFrame } from './server-frame.js';
import { WEBSOCKET_OPEN, type WebSocketConstructor, type WebSocketLike } from './websocket-like.js';

type Timer = ReturnType<typeof setTimeout>;

export interface ConnectionOptions {
  connectTimeoutMs: number;
  log: DebugLog;
  /** Ids of requests that do not bring their own; unique within the session, across its sockets. */
  newRequestId(): string;
  onEvent(frame: EventFrame): void;
  /** The socket closed by itself or failed its heartbeat; not called after `close()`. */
  onClose(code: number, reason: string): void;
}

interface PendingRequest {
  action: string;
  timer: Timer;
  settle(frame: ResponseFrame): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class Connection {
  /** Resolves when the socket is open; rejects with WS_NOT_CONNECTED or REQUEST_TIMEOUT. */
  readonly opened: Promise<void>;
  private socket: WebSocketLike | undefined;
  private readonly pending = new Map<string, PendingRequest>();
  private finished = false;
  /** Why the connection finished, for requests made after that. */
  private closedWith: { code: number; reason: string } | undefined;
  private connectTimer: Timer | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = Date.now();
  /** The `ts` of the latest pong: what a liveness check waits for (a frame read before the check proves nothing). */
  private lastPongTs = 0;
  private openSettled = false;
  private settleOpen: { resolve(): void; reject(error: AgentSdkError): void } | undefined;

  constructor(
    WebSocketImpl: WebSocketConstructor,
    readonly url: string,
    private readonly options: ConnectionOptions,
  ) {
    this.opened = new Promise<void>((resolve, reject) => {
      this.settleOpen = { resolve, reject };
    });
    // Whoever opens the connection awaits `opened`; this keeps a rejection nobody awaits any more from being unhandled.
    this.opened.catch(() => undefined);
    try {
      this.socket = new WebSocketImpl(url);
    } catch (error) {
      this.failToOpen(notConnected(url, error instanceof Error ? error.message : String(error)));
      return;
    }
    this.listen(this.socket);
    this.connectTimer = setTimeout(() => {
      this.failToOpen(
        new AgentSdkError(ErrorCodes.REQUEST_TIMEOUT, `Connecting to ${url} timed out after ${options.connectTimeoutMs} ms`, {
          url,
          timeoutMs: options.connectTimeoutMs,
        }),
      );
    }, options.connectTimeoutMs);
  }

  get isOpen(): boolean {
    return !this.finished && this.socket?.readyState === WEBSOCKET_OPEN;
  }

  /**
   * Sends a request and waits for its response. `settle` runs as soon as the response arrives, before any later frame
   * is delivered, so what it emits comes before the events that follow the response; the promise resolves with its result.
   * `id` repeats an earlier request of the session (sent again after a reconnect).
   */
  request<T = ResponseFrame>(
    action: string,
    params: unknown,
    timeoutMs: number,
    settle: (frame: ResponseFrame) => T = (frame) => frame as T,
    id: string = this.options.newRequestId(),
  ): Promise<T> {
    if (this.finished || this.socket === undefined || this.socket.readyState < WEBSOCKET_OPEN) {
      const closed = this.closedWith;
      return Promise.reject(notConnected(this.url, closed?.reason ?? 'the socket is not open', closed?.code));
    }
    // A closing socket sends nothing; the request then fails with the close code once the close completes.
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.pending.delete(id);
          reject(new AgentSdkError(ErrorCodes.REQUEST_TIMEOUT, `No response to ${action} within ${timeoutMs} ms`, { action, timeoutMs }));
        },
        Math.max(0, timeoutMs),
      );
      this.pending.set(id, { action, timer, settle, resolve: resolve as (value: unknown) => void, reject });
      this.send({ type: 'req', id, action, params });
    });
  }

  /** Pings every `intervalMs`; no frame at all for two intervals closes the socket and reports code 4101. */
  startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    if (this.finished) return;
    this.lastFrameAt = Date.now();
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt >= 2 * intervalMs) {
        this.options.log.note(`no frame for ${2 * intervalMs} ms: closing ${this.url}`);
        this.finish(CloseCode.HEARTBEAT_TIMEOUT, 'heartbeat timeout', true);
        return;
      }
      this.send({ type: 'ping', ts: Date.now() });
    }, intervalMs);
  }

  /**
   * Checks at once that the socket still carries frames (after sleep, a network change or a frozen page): sends a
   * ping, and closes the socket as dead (4101, reported through `onClose`) if its pong does not arrive within
   * `timeoutMs`.
   */
  probe(timeoutMs: number): void {
    if (!this.isOpen) return;
    const sentAt = Date.now();
    this.send({ type: 'ping', ts: sentAt });
    setTimeout(() => {
      if (this.finished || this.lastPongTs >= sentAt) return;
      this.options.log.note(`no answer to a liveness check within ${timeoutMs} ms: closing ${this.url}`);
      this.finish(CloseCode.HEARTBEAT_TIMEOUT, 'no answer to a liveness check', true);
    }, timeoutMs);
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** Closes the socket from this side without reporting it through `onClose`. */
  close(code: number = CloseCode.NORMAL, reason = 'closed by the client'): void {
    this.finish(code, reason, false);
  }

  private listen(socket: WebSocketLike): void {
    socket.onopen = () => {
      if (this.finished) return;
      clearTimeout(this.connectTimer);
      this.openSettled = true;
      this.settleOpen?.resolve();
    };
    socket.onmessage = (event) => this.receive(event.data);
    // `ws` throws on an error event nobody listens to, so this handler stays even after the connection is finished.
    socket.onerror = (event) => {
      if (this.finished || this.openSettled) return;
      const message = (event as { message?: unknown } | undefined)?.message;
      this.failToOpen(notConnected(this.url, typeof message === 'string' && message !== '' ? message : 'connection failed'));
    };
    socket.onclose = (event) => {
      if (this.finished) return;
      if (!this.openSettled) {
        this.failToOpen(notConnected(this.url, event.reason || `closed with code ${event.code}`, event.code));
        return;
      }
      this.finish(event.code, event.reason, true);
    };
  }

  private receive(data: unknown): void {
    if (this.finished) return;
    this.lastFrameAt = Date.now();
    const frame = parseServerFrame(data);
    if (frame === undefined) {
      this.options.log.note('ignored a malformed frame', typeof data === 'string' ? data.slice(0, 200) : typeof data);
      return;
    }
    this.options.log.frame('received', frame);
    if (frame.type === 'res') this.settle(frame);
    else if (frame.type === 'evt') this.options.onEvent(frame);
    else if (frame.type === 'pong') this.lastPongTs = Math.max(this.lastPongTs, frame.ts);
  }

  private settle(frame: ResponseFrame): void {
    const request = this.pending.get(frame.id);
    if (request === undefined) {
      this.options.log.note(`ignored a response to no pending request (id ${frame.id})`);
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(request.timer);
    try {
      request.resolve(request.settle(frame));
    } catch (error) {
      request.reject(error);
    }
  }

  private send(frame: ClientFrame): void {
    if (!this.isOpen || this.socket === undefined) return;
    this.options.log.frame('sent', frame);
    try {
      this.socket.send(JSON.stringify(frame));
    } catch (error) {
      this.options.log.note('send failed', error instanceof Error ? error.message : String(error));
    }
  }

  private failToOpen(error: AgentSdkError): void {
    if (this.finished) return;
    this.openSettled = true;
    this.settleOpen?.reject(error);
    this.finish(CloseCode.NORMAL, error.message, false);
  }

  /** Clears every timer, fails pending requests and closes the socket; `report` passes the close on to `onClose`. */
  private finish(code: number, closeReason: string, report: boolean): void {
    if (this.finished) return;
    this.finished = true;
    const reason = closeReason || `closed with code ${code}`;
    this.closedWith = { code, reason };
    clearTimeout(this.connectTimer);
    this.stopHeartbeat();
    if (!this.openSettled) {
      this.openSettled = true;
      this.settleOpen?.reject(notConnected(this.url, reason, code));
    }
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(notConnected(this.url, `the socket closed before the response to ${request.action}: ${reason}`, code));
    }
    this.pending.clear();
    this.closeSocket(code, closeReason);
    if (report) this.options.onClose(code, closeReason);
  }

  private closeSocket(code: number, reason: string): void {
    const socket = this.socket;
    if (socket === undefined || socket.readyState > WEBSOCKET_OPEN) return;
    try {
      // A dead peer would never answer a closing handshake; `ws` can drop the connection at once.
      if (code === CloseCode.HEARTBEAT_TIMEOUT && socket.terminate !== undefined) socket.terminate();
      else socket.close(code, reason.slice(0, 120));
    } catch (error) {
      this.options.log.note('close failed', error instanceof Error ? error.message : String(error));
    }
  }
}

function notConnected(url: string, reason: string, code?: number): AgentSdkError {
  const details: Record<string, unknown> = { url, reason };
  if (code !== undefined) details.code = code;
  return new AgentSdkError(ErrorCodes.WS_NOT_CONNECTED, `WebSocket ${url} is not connected: ${reason}`, details);
}
