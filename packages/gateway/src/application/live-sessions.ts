/**
 * The sessions whose socket this node holds (or held, during the resume grace period). Each session numbers the
 * events it receives from the bus (`seq`), keeps the latest ones for replay after a reconnect, and forwards them
 * to its socket while one is attached.
 */
import { randomUUID } from 'node:crypto';
import { CloseCode, type ServerFrame } from '@agentsdk/protocol';
import { agentChannel, type Bus, type BusMessage, type Unsubscribe } from '../ports/bus.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { SessionRecord } from '../ports/store.js';
import { ResponseCache } from './response-cache.js';

/** The transport's side of a socket, as the application sees it. */
export interface SessionSocket {
  send(frame: ServerFrame): void;
  /** A frame already serialised as JSON text. */
  sendText(text: string): void;
  close(code: number, reason: string): void;
}

/** An event as numbered and serialised once, for its socket and for replay. */
interface NumberedEvent {
  seq: number;
  text: string;
}

/** Per session only what it uses: an idle session has no response cache, and its replay holds JSON text. */
interface LiveSession {
  record: SessionRecord;
  seq: number;
  /** The latest events, oldest first, for replay after a reconnect. */
  replay: NumberedEvent[];
  /** Responses to the latest requests, for requests repeated after a reconnect; made at the first request. */
  responses?: ResponseCache;
  socket?: SessionSocket;
  unsubscribe: Unsubscribe;
  graceTimer?: TimerHandle;
}

export interface LiveSessionsOptions {
  bus: Bus;
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
  /** Tells this node's `sessionAttached` messages from other nodes'. */
  private readonly nodeId = randomUUID();

  constructor(private readonly options: LiveSessionsOptions) {}

  get size(): number {
    return this.sessions.size;
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

  /** Starts receiving the session's events; they are held until a socket is attached. */
  open(record: SessionRecord, startSeq = 0): void {
    if (this.sessions.has(record.sessionId)) return;
    const session: LiveSession = { record, seq: startSeq, replay: [], unsubscribe: () => {} };
    session.unsubscribe = this.options.bus.subscribe(agentChannel(record.tenantId, record.agentNo), (message) =>
      this.receive(session, message),
    );
    this.sessions.set(record.sessionId, session);
  }

  /** A session known to the store but without a socket (after a restart): it waits for a resume. */
  restore(record: SessionRecord): void {
    this.open(record);
    const session = this.sessions.get(record.sessionId);
    if (session) this.startGrace(session);
  }

  /**
   * Attaches a socket and sends the held events after `lastSeq`. A client that saw more events than this node
   * numbered (the node restarted) continues from its own number, so its next events are not taken for duplicates.
   */
  attach(sessionId: string, socket: SessionSocket, lastSeq: number): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    session.graceTimer?.cancel();
    delete session.graceTimer;
    if (session.socket && session.socket !== socket) session.socket.close(CloseCode.KICKED_OUT, 'session resumed elsewhere');
    session.socket = socket;
    session.seq = Math.max(session.seq, lastSeq);
    for (const event of session.replay) if (event.seq > lastSeq) socket.sendText(event.text);
    const { tenantId, agentNo } = session.record;
    void this.options.bus.publish(agentChannel(tenantId, agentNo), { kind: 'sessionAttached', sessionId, nodeId: this.nodeId });
    return true;
  }

  /** The socket closed without the session ending: wait for a resume. */
  detach(sessionId: string, socket: SessionSocket): void {
    const session = this.sessions.get(sessionId);
    if (!session || session.socket !== socket) return;
    delete session.socket;
    this.startGrace(session);
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
    if (message.kind === 'endSession') {
      this.remove(session);
      session.socket?.close(message.closeCode, message.reason);
      return;
    }
    if (message.kind === 'sessionAttached') {
      // The client resumed on another node: this node's copy (and its grace timer) must not end the session.
      if (message.nodeId === this.nodeId) return;
      this.remove(session);
      session.socket?.close(CloseCode.KICKED_OUT, 'session resumed on another node');
      return;
    }
    session.seq += 1;
    const event = { seq: session.seq, text: encodeEvent(session.seq, message) };
    session.replay.push(event);
    if (session.replay.length > this.options.replayLimit) session.replay.shift();
    session.socket?.sendText(event.text);
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
