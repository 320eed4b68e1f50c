/**
 * The signed-in session and its socket: login, operation requests, event delivery, and resuming the session on a new
 * socket after a drop. Every connection-state change goes through `enter`.
 */
import {
  BusinessErrorCode,
  SESSION_ACTIONS,
  isTerminalCloseCode,
  type ConnectionStateEvent,
  type EventFrame,
  type EventMap,
  type EventName,
  type OperationName,
  type OperationParams,
  type ResponseFrame,
  type ResumeParams,
  type SdkResponse,
} from '@agentsdk/protocol';
import { reconnectDelay } from './backoff.js';
import { versionedWebSocketUrl, webSocketUrlFor, type ResolvedSdkConfig } from './config.js';
import { Connection } from './connection.js';
import { loadChunk } from './chunk-loader.js';
import type { DebugLog } from './debug-log.js';
import { AgentSdkError, ErrorCodes, isAgentSdkError } from './errors.js';
import { isRecord } from './type-guards.js';
import type { TypedEmitter } from './typed-emitter.js';
import { settlementOf, type Settlement } from './operation-settlement.js';
import { loadWebSocket } from './websocket-factory.js';

type ConnectionState = ConnectionStateEvent['state'];
type LoginParams = OperationParams<'login'>;
type ResumeOutcome = 'resumed' | 'ended' | 'retry';

/** What resuming needs after a drop; another tab resumes it with the `lastSeq` of the events it has seen. */
export interface Session {
  sessionId: string;
  sessionKey: string;
  tenantId: string;
  agentNo: string;
  url: string;
}

/** After a sign-out, kickOut or forcedLogout the gateway closes the socket; this is how long it has before the SDK does. */
const SESSION_END_CLOSE_GRACE_MS = 1_000;

const SESSION_ENDING_EVENTS = new Set<string>(['kickOut', 'forcedLogout']);

/** Without `debug` and `debugHook`, nothing is logged and the debug log's chunk is not loaded. */
const SILENT_LOG: DebugLog = { frame() {}, note() {} };

/** How long a liveness check (checkConnection) waits for any frame before the socket counts as dead. */
const LIVENESS_CHECK_TIMEOUT_MS = 3_000;

/** The longest an operation's Promise waits, after its response, for the event that shows its effect. */
const SETTLEMENT_WAIT_MS = 2_000;

export class GatewayLink {
  private config: ResolvedSdkConfig | undefined;
  private log: DebugLog = SILENT_LOG;
  /** The debug log's chunk on its way (`debug` or `debugHook`): a socket opens only once it is in place. */
  private logLoaded: Promise<void> | undefined;
  private session: Session | undefined;
  private connection: Connection | undefined;
  private state: ConnectionState = 'closed';
  private lastSeq = 0;
  /** Bumped whenever the session is replaced or dropped, so a login or reconnect still awaiting sees it is stale. */
  private generation = 0;
  /** Ends the wait before the next reconnect attempt early. */
  private wakeReconnect: (() => void) | undefined;
  private closeGraceTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Request ids never repeat within a session, so the gateway can tell a request sent again after a reconnect: a
   * count, after a prefix of this client's own (tabs sharing a session each number their requests).
   */
  private requestCount = 0;
  private readonly requestIdPrefix = Math.random().toString(36).slice(2, 8);
  /** Told of every connection-state change: requests waiting for a resume to be sent again. */
  private readonly stateWatchers = new Set<() => void>();

  constructor(private readonly events: TypedEmitter<EventMap>) {}

  configure(config: ResolvedSdkConfig): void {
    this.config = config;
    this.log = SILENT_LOG;
    this.logLoaded = undefined;
    if (!config.debug && config.debugHook === undefined) return;
    this.logLoaded = loadChunk('debug', config.baseURL, () => import('./chunks/debug-chunk.js')).then(
      ({ createDebugLog }) => {
        if (this.config === config) this.log = createDebugLog(config.debug, config.debugHook);
      },
      // A debugging aid that cannot load must not keep the agent from signing in.
      (error: unknown) => console.error('AgentSDK: debug logging is off:', reasonOf(error)),
    );
  }

  /**
   * Runs an operation and resolves once its effect is visible: after the response and, for the operations of
   * operation-settlement.ts, after the event that follows it (waiting at most SETTLEMENT_WAIT_MS for that event).
   */
  async run(action: OperationName, params: unknown): Promise<SdkResponse> {
    const settlement = settlementOf(action, params);
    const watch = settlement === undefined ? undefined : this.watchFor(settlement);
    try {
      const response = action === 'login' ? await this.login(params as LoginParams) : await this.call(action, params);
      if (response.code === 0 && watch !== undefined) await watch.seenWithin(SETTLEMENT_WAIT_MS);
      return response;
    } finally {
      watch?.stop();
    }
  }

  /**
   * Listens from before the request is sent (the event may arrive in the same network read as the response);
   * the handler runs after the state store's, so the snapshot is current when the operation resolves.
   */
  private watchFor({ event, matches }: Settlement): { seenWithin(ms: number): Promise<void>; stop(): void } {
    let seen = false;
    let wake: (() => void) | undefined;
    const handler = (payload: unknown) => {
      if (!matches(payload)) return;
      seen = true;
      wake?.();
    };
    this.events.on(event, handler);
    return {
      seenWithin: (ms) =>
        seen
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, ms);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            }),
      stop: () => {
        this.events.off(event, handler);
        wake?.();
      },
    };
  }

  /** Opens a socket and signs in. An active session is dropped first, without logout. */
  async login(params: LoginParams): Promise<SdkResponse> {
    const config = this.requireConfig();
    const url = loginUrl(params, config);
    this.drop('replaced by a new login');
    const generation = this.generation;
    const { webSocketUrl: _localOnly, ...wireParams } = params;
    this.enter('connecting');
    const connection = await this.openConnection(url, generation).catch((error: unknown) => {
      if (generation === this.generation) this.enter('closed', reasonOf(error));
      throw error;
    });
    try {
      return await connection.request('login', wireParams, config.requestTimeoutMs, (frame) => this.settleLogin(frame, params, connection));
    } catch (error) {
      connection.close();
      if (generation === this.generation) {
        this.connection = undefined;
        this.enter('closed', reasonOf(error));
      }
      throw error;
    }
  }

  /**
   * Sends an operation of the signed-in session. A request still unanswered when the socket drops is sent again, with
   * the same id, once the session is resumed, until `requestTimeoutMs` has passed since the call: the gateway answers
   * a repeated id with the first run's response, so the operation runs once.
   */
  async call(action: Exclude<OperationName, 'login'>, params: unknown): Promise<SdkResponse> {
    const config = this.requireConfig();
    const deadline = Date.now() + config.requestTimeoutMs;
    const connection = config.waitForConnection ? await this.openConnectionBy(deadline) : this.openConnectionNow();
    if (connection === undefined) {
      const reason = this.session === undefined ? 'no agent is signed in' : `the connection is ${this.state}`;
      const waited = config.waitForConnection && this.session !== undefined ? ` after waiting ${config.requestTimeoutMs} ms` : '';
      throw new AgentSdkError(ErrorCodes.WS_NOT_CONNECTED, `${action} needs an open connection: ${reason}${waited}`, {
        action,
        state: this.state,
      });
    }
    return this.requestAcrossResumes(connection, action, params, deadline);
  }

  private openConnectionNow(): Connection | undefined {
    const connection = this.connection;
    return this.session !== undefined && this.state === 'open' && connection?.isOpen ? connection : undefined;
  }

  /** `waitForConnection`: the open connection of the session, once it (re)connects before `deadline`. */
  private openConnectionBy(deadline: number): Promise<Connection | undefined> {
    return new Promise((resolve) => {
      const finish = (connection: Connection | undefined) => {
        clearTimeout(timer);
        this.stateWatchers.delete(check);
        resolve(connection);
      };
      const check = () => {
        const connection = this.openConnectionNow();
        if (connection !== undefined || this.session === undefined || this.state === 'closed') finish(connection);
      };
      const timer = setTimeout(() => finish(undefined), Math.max(0, deadline - Date.now()));
      this.stateWatchers.add(check);
      check();
    });
  }

  private async requestAcrossResumes(first: Connection, action: string, params: unknown, deadline: number): Promise<SdkResponse> {
    const id = this.newRequestId();
    const generation = this.generation;
    let connection = first;
    for (;;) {
      const current = connection;
      try {
        return await current.request(action, params, deadline - Date.now(), (frame) => this.publishResponse(frame), id);
      } catch (error) {
        const { requestTimeoutMs } = this.requireConfig();
        if (isAgentSdkError(error) && error.code === ErrorCodes.REQUEST_TIMEOUT) throw responseTimeout(action, requestTimeoutMs);
        const next = await this.resumedConnection(current, generation, deadline);
        if (next === 'timeout') throw responseTimeout(action, requestTimeoutMs);
        if (next === undefined) throw error;
        this.log.note(`sending ${action} (id ${id}) again after the resume`);
        connection = next;
      }
    }
  }

  /** Waits for the session to be open again on another socket: undefined if it ends instead, 'timeout' at `deadline`. */
  private resumedConnection(previous: Connection, generation: number, deadline: number): Promise<Connection | 'timeout' | undefined> {
    return new Promise((resolve) => {
      const finish = (outcome: Connection | 'timeout' | undefined) => {
        clearTimeout(timer);
        this.stateWatchers.delete(check);
        resolve(outcome);
      };
      const check = () => {
        const connection = this.connection;
        if (generation !== this.generation || this.session === undefined || this.state === 'closed') finish(undefined);
        else if (this.state === 'open' && connection !== undefined && connection !== previous && connection.isOpen) finish(connection);
      };
      const timer = setTimeout(() => finish('timeout'), Math.max(0, deadline - Date.now()));
      this.stateWatchers.add(check);
      check();
    });
  }

  private readonly newRequestId = (): string => `${this.requestIdPrefix}-${++this.requestCount}`;

  private notifyStateWatchers(): void {
    for (const check of [...this.stateWatchers]) check();
  }

  /**
   * The page woke up, came back online or was shown again: a reconnect waiting for its next attempt tries now, and an
   * open socket is checked at once (a dead one is closed, which starts a reconnect and resume).
   */
  checkConnection(reason: string): void {
    if (this.session === undefined) return;
    this.log.note(`checking the connection: ${reason}`);
    if (this.state === 'reconnecting') this.wakeReconnect?.();
    else if (this.state === 'open') this.connection?.probe(LIVENESS_CHECK_TIMEOUT_MS);
  }

  /** The signed-in session and the last event seen, for another tab to resume (`adopt`) if this one closes. */
  sharedSession(): (Session & { lastSeq: number }) | undefined {
    return this.session === undefined ? undefined : { ...this.session, lastSeq: this.lastSeq };
  }

  /** Resumes the session another tab held (it closed), on a socket of this client, from the events it shared. */
  adopt(shared: Session & { lastSeq: number }): void {
    const { lastSeq, ...session } = shared;
    this.drop('taking over the session of another tab');
    this.session = session;
    this.lastSeq = lastSeq;
    this.enter('reconnecting', 'taking over the session of another tab');
    void this.takeOver(session, this.generation);
  }

  /** The tab that held the session is gone, not the network: resume at once, then back off as after a drop. */
  private async takeOver(session: Session, generation: number): Promise<void> {
    const outcome = await this.resume(session, generation);
    if (outcome === 'retry' && generation === this.generation) await this.reconnect(session, generation);
  }

  /** Drops the session locally (no logout), closes the socket and stops reconnecting. */
  close(): void {
    this.drop('closed by the client');
    this.enter('closed', 'closed by the client');
  }

  private settleLogin(frame: ResponseFrame, params: LoginParams, connection: Connection): SdkResponse {
    if (frame.code === 0) {
      this.session = {
        sessionId: typeof frame.sessionId === 'string' ? frame.sessionId : '',
        sessionKey: params.sessionKey,
        tenantId: params.tenantId,
        agentNo: params.agentNo,
        url: connection.url,
      };
      this.lastSeq = 0;
      connection.startHeartbeat(this.requireConfig().heartbeatIntervalMs);
      this.enter('open');
    } else {
      this.connection = undefined;
      connection.close();
      this.enter('closed', `login failed: ${frame.message}`);
    }
    return this.publishResponse(frame);
  }

  /** The SdkResponse of a response frame, also emitted as the `<operation>Resp` event. */
  private publishResponse(frame: ResponseFrame): SdkResponse {
    const { type: _type, id: _id, ...response } = frame;
    this.emit(response.action, { ...response, eventType: response.action });
    return response as SdkResponse;
  }

  private handleEvent(connection: Connection, frame: EventFrame): void {
    if (connection !== this.connection) return;
    if (frame.seq <= this.lastSeq) {
      this.log.note(`dropped duplicate event ${frame.event} (seq ${frame.seq})`);
      return;
    }
    this.lastSeq = frame.seq;
    if (SESSION_ENDING_EVENTS.has(frame.event)) this.endSession(connection, frame.event);
    else if (this.isOwnSignOut(frame)) this.endSession(connection, 'logout');
    this.emit(frame.event, frame.data);
  }

  /**
   * The agent's own offline status ends the session: a logout ends it with this status, not with its response, which
   * with logoutMode 2 during a call or wrap-up only says the sign-out waits for them to end.
   */
  private isOwnSignOut(frame: EventFrame): boolean {
    if (frame.event !== 'agentStatus') return false;
    const status = (frame as EventFrame<'agentStatus'>).data;
    return status.state === 'offline' && status.agentNo === this.session?.agentNo;
  }

  private handleClose(connection: Connection, code: number, reason: string): void {
    if (connection !== this.connection || this.state !== 'open') return;
    this.connection = undefined;
    clearTimeout(this.closeGraceTimer);
    const description = reason || `closed with code ${code}`;
    const session = this.session;
    if (session !== undefined && !isTerminalCloseCode(code)) {
      this.enter('reconnecting', description);
      void this.reconnect(session, this.generation);
      return;
    }
    this.session = undefined;
    this.enter('closed', description);
  }

  /** The session is over but the gateway still sends its last events and closes the socket itself. */
  private endSession(connection: Connection, reason: string): void {
    this.session = undefined;
    connection.stopHeartbeat();
    clearTimeout(this.closeGraceTimer);
    this.closeGraceTimer = setTimeout(() => {
      if (connection !== this.connection) return;
      this.connection = undefined;
      connection.close();
      this.enter('closed', reason);
    }, SESSION_END_CLOSE_GRACE_MS);
  }

  private async reconnect(session: Session, generation: number): Promise<void> {
    const { reconnect } = this.requireConfig();
    for (let attempt = 1; attempt <= reconnect.maxAttempts; attempt += 1) {
      const delayMs = reconnectDelay(attempt, reconnect);
      this.emit('reconnectAttempt', { eventType: 'reconnectAttempt', attempt, delayMs });
      await this.waitBeforeReconnect(delayMs);
      if (generation !== this.generation) return;
      const outcome = await this.resume(session, generation);
      if (outcome !== 'retry' || generation !== this.generation) return;
    }
    this.session = undefined;
    this.enter('closed', `gave up reconnecting after ${reconnect.maxAttempts} attempts`);
  }

  private async resume(session: Session, generation: number): Promise<ResumeOutcome> {
    let connection: Connection;
    try {
      connection = await this.openConnection(session.url, generation);
    } catch {
      return 'retry';
    }
    const params: ResumeParams = { sessionId: session.sessionId, sessionKey: session.sessionKey, lastSeq: this.lastSeq };
    try {
      return await connection.request(SESSION_ACTIONS.resume, params, this.requireConfig().requestTimeoutMs, (frame) =>
        this.settleResume(frame, session, connection),
      );
    } catch {
      connection.close();
      if (connection === this.connection) this.connection = undefined;
      return 'retry';
    }
  }

  private settleResume(frame: ResponseFrame, session: Session, connection: Connection): ResumeOutcome {
    // Too many sign-ins from this address just now: the session is still there; the next attempt may resume it.
    if (frame.code !== 0 && frame.errorCode === BusinessErrorCode.RATE_LIMITED) {
      connection.close();
      if (connection === this.connection) this.connection = undefined;
      return 'retry';
    }
    if (frame.code !== 0) {
      this.session = undefined;
      this.connection = undefined;
      connection.close();
      // A revoked key (30002) is reported as such; every other refusal means the session is gone.
      const reason = frame.errorCode === BusinessErrorCode.SESSION_KEY_INVALID ? 'sessionKeyRevoked' : 'sessionExpired';
      this.emit('forcedLogout', { eventType: 'forcedLogout', reason, sessionId: session.sessionId, message: frame.message });
      this.enter('closed', `session ended: ${frame.message}`);
      return 'ended';
    }
    // Open before the snapshot is emitted, so its handlers can already call operations.
    this.state = 'open';
    connection.startHeartbeat(this.requireConfig().heartbeatIntervalMs);
    if (isRecord(frame.agentStatus)) this.emit('agentStatus', { ...frame.agentStatus, eventType: 'agentStatus' });
    // A handler of the snapshot may have closed the client or signed in again.
    if (connection === this.connection) {
      this.emit('connectionState', {
        eventType: 'connectionState',
        state: 'open',
        ...(frame.resync === true && { resync: true as const }),
      });
    }
    this.notifyStateWatchers();
    return 'resumed';
  }

  /** Opens a socket that becomes the current connection; rejects if it fails or the session moved on meanwhile. */
  private async openConnection(url: string, generation: number): Promise<Connection> {
    const config = this.requireConfig();
    const WebSocketImpl = await loadWebSocket();
    await this.logLoaded;
    if (generation !== this.generation) throw superseded(url);
    const connection: Connection = new Connection(WebSocketImpl, url, {
      connectTimeoutMs: config.connectTimeoutMs,
      log: this.log,
      newRequestId: this.newRequestId,
      onEvent: (frame) => this.handleEvent(connection, frame),
      onClose: (code, reason) => this.handleClose(connection, code, reason),
    });
    this.connection = connection;
    try {
      await connection.opened;
    } catch (error) {
      if (connection === this.connection) this.connection = undefined;
      throw error;
    }
    return connection;
  }

  private waitBeforeReconnect(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => wake(), delayMs);
      const wake = () => {
        clearTimeout(timer);
        this.wakeReconnect = undefined;
        resolve();
      };
      this.wakeReconnect = wake;
    });
  }

  /** Forgets the session and closes its socket without events; a login or reconnect in progress gives up. */
  private drop(reason: string): void {
    this.generation += 1;
    this.session = undefined;
    this.wakeReconnect?.();
    clearTimeout(this.closeGraceTimer);
    const connection = this.connection;
    this.connection = undefined;
    connection?.close(undefined, reason);
    this.notifyStateWatchers();
  }

  private enter(state: ConnectionState, reason?: string): void {
    if (state === this.state) return;
    this.state = state;
    this.emit(
      'connectionState',
      reason === undefined ? { eventType: 'connectionState', state } : { eventType: 'connectionState', state, reason },
    );
    this.notifyStateWatchers();
  }

  /** Names come from the wire, so they are checked by the gateway, not the compiler. */
  private emit(event: string, payload: object): void {
    this.events.emit(event as EventName, payload as EventMap[EventName]);
  }

  private requireConfig(): ResolvedSdkConfig {
    if (this.config === undefined) throw new AgentSdkError(ErrorCodes.NOT_INITIALIZED, 'Call setup(config) first');
    return this.config;
  }
}

function loginUrl(params: LoginParams, config: ResolvedSdkConfig): string {
  if (!params.webSocketUrl) return webSocketUrlFor(config.baseURL);
  try {
    return versionedWebSocketUrl(params.webSocketUrl);
  } catch {
    throw new AgentSdkError(ErrorCodes.INVALID_PARAMS, 'webSocketUrl is not a valid URL', { field: 'webSocketUrl' });
  }
}

function superseded(url: string): AgentSdkError {
  return new AgentSdkError(ErrorCodes.WS_NOT_CONNECTED, `WebSocket ${url} is not connected: the session was replaced or closed`, {
    url,
    reason: 'superseded',
  });
}

function responseTimeout(action: string, timeoutMs: number): AgentSdkError {
  return new AgentSdkError(ErrorCodes.REQUEST_TIMEOUT, `No response to ${action} within ${timeoutMs} ms`, { action, timeoutMs });
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
