/**
 * The sessions whose socket this node holds (or held, during the resume grace period). Each session numbers the
 * events it receives from the bus (`seq`), keeps the latest ones in the store's event log for replay after a
 * reconnect, a restart or a move to another node, and forwards them to its socket while one is attached.
 */
import { CloseCode, type ServerFrame } from '@agentsdk/protocol';
import { agentChannel, type Bus, type BusMessage, type Unsubscribe } from '../ports/bus.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { NumberedEvent, SessionEventLog, SessionRecord } from '../ports/store.js';
import { ResponseCache } from './response-cache.js';

/** The transport's side of a socket, as the application sees it. */
export interface SessionSocket {
  send(frame: ServerFrame): void;
  /** A frame already serialised as JSON text. */
  sendText(text: string): void;
  close(code: number, reason: string): void;
}

/** An event as numbered and serialised once, for its socket and for replay. */
/** Per session only what it uses: an idle session has no response cache, and its replay holds JSON text. */
interface LiveSession {
  record: SessionRecord;
  seq: number;
  /** The latest events, oldest first, for replay after a reconnect. */
  replay: NumberedEvent[];
  /** Bus messages that arrived while the event log was read at open. */
  pending?: BusMessage[];
  /** Responses to the latest requests, for requests repeated after a reconnect; made at the first request. */
  responses?: ResponseCache;
  socket?: SessionSocket;
  unsubscribe: Unsubscribe;
  graceTimer?: TimerHandle;
}

export interface LiveSessionsOptions {
  /** This process (its boot id): tells its `sessionAttached` messages from other nodes'. */
  nodeId: string;
  bus: Bus;
  log: SessionEventLog;
  /** Told when a session's socket closed without the session ending (it waits for a resume). */
  onDetached?: (record: SessionRecord) => void;
  /** Told when writing to or clearing the store's event log failed. */
  onLogError?: (error: unknown) => void;
  clock: Clock;
  /** How long a session without a socket waits to be resumed. */
  resumeGraceMs: number;
  /** How many events each session keeps for replay. */
  replayLimit: number;
  /** How many responses each session keeps for repeated requests. Default 200. */
  responseCacheLimit?: number;
  /** Called when a detached session's grace period runs out. */
  onGraceExpired: (record: SessionRecord) => void;
}

export class LiveSessions {
  private readonly sessions = new Map<string, LiveSession>();

  constructor(private readonly options: LiveSessionsOptions) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The agents of `tenantId` whose sessions this node holds (attached, or waiting for a resume). */
  agentsOf(tenantId: string): string[] {
    const agents: string[] = [];
    for (const { record } of this.sessions.values()) if (record.tenantId === tenantId) agents.push(record.agentNo);
    return agents;
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  /** The session's cache of responses by request id; undefined when the session is not live on this node. */
  responsesOf(sessionId: string): ResponseCache | undefined {
    const session = this.sessions.get(sessionId);
    if (session && !session.responses) session.responses = new ResponseCache(this.options.responseCacheLimit ?? 200);
    return session?.responses;
  }

  /**
   * Starts receiving the session's events; they are held until a socket is attached. A session new to this node
   * continues the numbering and replay window of its event log.
   */
  async open(record: SessionRecord): Promise<void> {
    if (this.sessions.has(record.sessionId)) return;
    const session: LiveSession = { record, seq: 0, replay: [], pending: [], unsubscribe: () => {} };
    session.unsubscribe = this.options.bus.subscribe(agentChannel(record.tenantId, record.agentNo), (message) =>
      this.receive(session, message),
    );
    this.sessions.set(record.sessionId, session);
    session.replay = await this.options.log.list(record.sessionId);
    session.seq = session.replay.at(-1)?.seq ?? 0;
    const pending = session.pending ?? [];
    delete session.pending;
    for (const message of pending) this.receive(session, message);
  }

  /** A session known to the store whose socket is gone with the node that held it: it waits for a resume. */
  async restore(record: SessionRecord): Promise<void> {
    await this.open(record);
    const session = this.sessions.get(record.sessionId);
    if (session) this.startGrace(session);
  }

  /**
   * Attaches a socket and sends the kept events after `lastSeq`. `resync` is true when the client cannot have every
   * event it missed (the replay window moved past `lastSeq`, the log knows fewer events than the client saw, or
   * `eventsLost`: events reached nobody): it then takes the snapshot as the truth (docs/protocol.md). Such a client
   * continues from its own number, so its next events are not taken for duplicates.
   */
  attach(sessionId: string, socket: SessionSocket, lastSeq: number, eventsLost = false): { resync: boolean } | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) return undefined;
    session.graceTimer?.cancel();
    delete session.graceTimer;
    if (session.socket && session.socket !== socket) session.socket.close(CloseCode.KICKED_OUT, 'session resumed elsewhere');
    session.socket = socket;
    const oldestKept = session.replay[0]?.seq ?? session.seq + 1;
    const resync = eventsLost || lastSeq > session.seq || oldestKept > lastSeq + 1;
    session.seq = Math.max(session.seq, lastSeq);
    for (const event of session.replay) if (event.seq > lastSeq) socket.sendText(event.text);
    const { tenantId, agentNo } = session.record;
    void this.options.bus.publish(agentChannel(tenantId, agentNo), { kind: 'sessionAttached', sessionId, nodeId: this.options.nodeId });
    return { resync };
  }

  /** The socket closed without the session ending: wait for a resume. */
  detach(sessionId: string, socket: SessionSocket): void {
    const session = this.sessions.get(sessionId);
    if (!session || session.socket !== socket) return;
    delete session.socket;
    this.startGrace(session);
    this.options.onDetached?.(session.record);
  }

  /** Closes the socket of a session on this node (tests and fault injection use it to simulate a network drop). */
  dropSocket(sessionId: string): boolean {
    const socket = this.sessions.get(sessionId)?.socket;
    socket?.close(CloseCode.HEARTBEAT_TIMEOUT, 'dropped');
    return socket !== undefined;
  }

  closeAll(code: number, reason: string): void {
    for (const session of this.sessions.values()) {
      session.graceTimer?.cancel();
      session.unsubscribe();
      session.socket?.close(code, reason);
    }
    this.sessions.clear();
  }

  private startGrace(session: LiveSession): void {
    session.graceTimer?.cancel();
    session.graceTimer = this.options.clock.schedule(this.options.resumeGraceMs, () => {
      delete session.graceTimer;
      if (!session.socket) this.options.onGraceExpired(session.record);
    });
  }

  private receive(session: LiveSession, message: BusMessage): void {
    if (this.sessions.get(session.record.sessionId) !== session) return;
    if (message.sessionId !== undefined && message.sessionId !== session.record.sessionId) return;
    if (session.pending) {
      session.pending.push(message);
      return;
    }
    if (message.kind === 'endSession') {
      this.remove(session);
      this.forgetLog(session.record.sessionId);
      session.socket?.close(message.closeCode, message.reason);
      return;
    }
    if (message.kind === 'sessionAttached') {
      // The client resumed on another node: this node's copy (and its grace timer) must not end the session.
      if (message.nodeId === this.options.nodeId) return;
      this.remove(session);
      session.socket?.close(CloseCode.KICKED_OUT, 'session resumed on another node');
      return;
    }
    session.seq += 1;
    const event = { seq: session.seq, text: encodeEvent(session.seq, message) };
    session.replay.push(event);
    if (session.replay.length > this.options.replayLimit) session.replay.shift();
    this.options.log
      .append(session.record.sessionId, event, this.options.replayLimit)
      .catch((error: unknown) => this.options.onLogError?.(error));
    session.socket?.sendText(event.text);
  }

  private forgetLog(sessionId: string): void {
    this.options.log.remove(sessionId).catch((error: unknown) => this.options.onLogError?.(error));
  }

  private remove(session: LiveSession): void {
    session.graceTimer?.cancel();
    session.unsubscribe();
    this.sessions.delete(session.record.sessionId);
  }
}

/** Each bus message's payload serialised once, however many sessions it reaches; only `seq` differs between them. */
const encodedPayloads = new WeakMap<BusMessage, string>();

/** The event frame `{ type: 'evt', seq, event, data }` as JSON text. */
function encodeEvent(seq: number, message: Extract<BusMessage, { kind: 'event' }>): string {
  let data = encodedPayloads.get(message);
  if (data === undefined) encodedPayloads.set(message, (data = JSON.stringify(message.data)));
  return `{"type":"evt","seq":${seq},"event":${JSON.stringify(message.event)},"data":${data}}`;
}
