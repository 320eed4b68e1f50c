/**
 * Persistence, in domain terms. The embedded default is SQLite; a Redis adapter serves several gateway nodes.
 * Every adapter passes tests/store-conformance.test.ts.
 */
import type { AgentRecord } from '../domain/agent.js';
import type { RoutingStrategy } from '../domain/agent-availability.js';
import type { CallRecord } from '../domain/call.js';
import type { TenantConfig } from '../domain/tenant.js';
import type { DialerNumberRecord, DialerTaskRecord } from '../domain/dialer-campaign.js';
import type { DialerAgentRecord } from '../domain/dialer-task.js';
import type { DialerOutcome, DialerTaskProgress } from '@agentsdk/protocol';

export interface SessionKeyRecord {
  /** SHA-256 of the key, hex. The key itself is never stored. */
  keyHash: string;
  tenantId: string;
  agentNo: string;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
}

export interface SessionRecord {
  sessionId: string;
  tenantId: string;
  agentNo: string;
  keyHash: string;
  createdAt: number;
  endedAt?: number;
  endReason?: string;
  /**
   * Softphone sessions: MD5(sessionId:realm:sipPwd), what SIP digest authentication checks. The SIP password itself
   * is handed to the client once, in the login response, and never stored.
   */
  sipHa1?: string;
}

export interface Versioned<T> {
  value: T;
  /** Increases by one with every successful write; 0 means "not stored yet". */
  version: number;
}

export interface TenantStore {
  upsert(config: TenantConfig): Promise<void>;
  list(): Promise<TenantConfig[]>;
}

export interface SessionKeyStore {
  insert(record: SessionKeyRecord): Promise<void>;
  findByHash(keyHash: string): Promise<SessionKeyRecord | undefined>;
  /** Returns false when the key is unknown or was already revoked. */
  revoke(keyHash: string, at: number): Promise<boolean>;
}

export interface SessionStore {
  insert(record: SessionRecord): Promise<void>;
  get(sessionId: string): Promise<SessionRecord | undefined>;
  /** Marks a live session ended and forgets its `sipHa1`; false when it was already ended or unknown. */
  end(sessionId: string, reason: string, at: number): Promise<boolean>;
  listLive(): Promise<SessionRecord[]>;
  listLiveByKeyHash(keyHash: string): Promise<SessionRecord[]>;
}

export interface AgentStore {
  get(tenantId: string, agentNo: string): Promise<Versioned<AgentRecord> | undefined>;
  /** Writes when the stored version still equals `expectedVersion` (0: absent). False on a lost race. */
  compareAndSet(record: AgentRecord, expectedVersion: number): Promise<boolean>;
  list(tenantId: string): Promise<AgentRecord[]>;
  /**
   * The first `limit` agents available for the queue's calls (domain/agent-availability.ts: idle, an endpoint bound,
   * answering the queue by the tenant configuration last upserted), in the order of `strategy`. Kept by an index that
   * changes with each write, so the cost does not grow with the number of agents.
   */
  listAvailable(tenantId: string, queueNo: string, strategy: RoutingStrategy, limit: number): Promise<AgentRecord[]>;
}

/** Ended calls of a tenant, newest first; `before` continues a page after its last call. */
export interface CallRecordQuery {
  tenantId: string;
  from?: number;
  to?: number;
  /** Calls the agent handled: its agent, callee, or an agent whose leg was answered (transfers, consultations). */
  agentNo?: string;
  limit: number;
  before?: { endedAt: number; callId: string };
}

export interface CallStore {
  get(callId: string): Promise<Versioned<CallRecord> | undefined>;
  /** Writes when the stored version still equals `expectedVersion` (0: absent). False on a lost race. */
  compareAndSet(record: CallRecord, expectedVersion: number): Promise<boolean>;
  /** Calls waiting in a queue, longest waiting first. */
  listQueued(tenantId: string, queueNo: string): Promise<CallRecord[]>;
  /** Calls not ended yet. */
  listActive(tenantId: string): Promise<CallRecord[]>;
  findByRequestUniqueId(tenantId: string, agentNo: string, requestUniqueId: string): Promise<CallRecord | undefined>;
  listEnded(query: CallRecordQuery): Promise<CallRecord[]>;
}

/** A gateway process's sign of life. The calls whose legs it holds and the sockets it serves are its own. */
export interface Lease {
  /** The process's boot id: a restarted process is a new owner. */
  ownerId: string;
  renewedAt: number;
}

export interface LeaseStore {
  renew(ownerId: string, at: number): Promise<void>;
  list(): Promise<Lease[]>;
  /** Forgets a lapsed lease once what it owned was ended; false when it was already gone. */
  remove(ownerId: string): Promise<boolean>;
}

/** An event frame numbered for one session, kept as the JSON text its socket is sent. */
export interface NumberedEvent {
  seq: number;
  text: string;
}

/** The latest events of each session, in order, for replay after a reconnect, a restart or a move to another node. */
export interface SessionEventLog {
  /** Appends an event (its `seq` one more than the last) and keeps only the latest `keep`. */
  append(sessionId: string, event: NumberedEvent, keep: number): Promise<void>;
  /** The kept events, oldest first. */
  list(sessionId: string): Promise<NumberedEvent[]>;
  remove(sessionId: string): Promise<void>;
}

/** A claim on a task's next due number: who dials it, and how long the claim holds if its outcome never comes. */
export interface DialerClaim {
  owner: string;
  now: number;
  leaseMs: number;
}

/** How a claimed number's attempt ended; `nextAttemptAt` absent: the number's life is over. */
export interface DialerAttemptResult {
  owner: string;
  outcome: DialerOutcome;
  at: number;
  nextAttemptAt?: number;
  callId?: string;
}

/** Outbound campaigns: tasks, and their numbers' lives. Each number is claimed by one dialler at a time. */
export interface DialerStore {
  /** False when the tenant already has a task with this id. */
  createTask(task: DialerTaskRecord): Promise<boolean>;
  /** False when the task does not exist. */
  updateTask(task: DialerTaskRecord): Promise<boolean>;
  getTask(tenantId: string, taskId: string): Promise<DialerTaskRecord | undefined>;
  listTasks(tenantId: string): Promise<DialerTaskRecord[]>;
  /** Adds due numbers (due at `at`); per input, false when the task already has that number. */
  addNumbers(
    tenantId: string,
    taskId: string,
    numbers: { number: string; variables: Record<string, string> }[],
    at: number,
  ): Promise<boolean[]>;
  /** Atomically claims the due number with the earliest `nextAttemptAt` (then upload order) not after `now`. */
  claimNext(tenantId: string, taskId: string, claim: DialerClaim): Promise<DialerNumberRecord | undefined>;
  /**
   * Atomically claims one named number when it is due, whenever its next attempt was meant to be (a preview agent
   * dials it), or renews the claim `owner` already holds on it.
   */
  claimNumber(tenantId: string, taskId: string, number: string, claim: DialerClaim): Promise<DialerNumberRecord | undefined>;
  /** Records the outcome of `owner`'s claim: due again at `nextAttemptAt`, or done. False when `owner` does not hold it. */
  recordOutcome(tenantId: string, taskId: string, number: string, result: DialerAttemptResult): Promise<boolean>;
  /** Gives a claim back undialled: the number is due again as before. False when `owner` does not hold it. */
  releaseClaim(tenantId: string, taskId: string, number: string, owner: string): Promise<boolean>;
  /** Claims whose lease ran out by `now` (their dialler stopped). */
  listExpiredClaims(tenantId: string, taskId: string, now: number): Promise<DialerNumberRecord[]>;
  /** Due numbers in claim order, at most `limit`. */
  listDue(tenantId: string, taskId: string, now: number, limit: number): Promise<DialerNumberRecord[]>;
  /** Every number of the task in upload order (results download). */
  listNumbers(tenantId: string, taskId: string): Promise<DialerNumberRecord[]>;
  progress(tenantId: string, taskId: string): Promise<DialerTaskProgress>;
  /** The tasks an agent's session works and its work mode; only the agent's own operations write it. */
  getAgent(tenantId: string, agentNo: string): Promise<DialerAgentRecord | undefined>;
  putAgent(record: DialerAgentRecord): Promise<void>;
}

/** Where a phone is registered: the node that can ring it, until when (docs/multi-node.md). */
export interface PhoneRegistration {
  tenantId: string;
  /** `extension`: a desk phone registered over SIP; `softphone`: a softphone registered on the WebRTC edge. */
  kind: 'extension' | 'softphone';
  /** The extension or the softphone's endpoint. */
  address: string;
  /** The boot id of the node the phone registered with. */
  ownerId: string;
  /** Where that node takes calls from the other nodes (its SIP socket), `host:port`. */
  sipAddress: string;
  expiresAt: number;
}

/** The phones registered with each node, so that any node can ring them through the node holding them. */
export interface PhoneRegistrationStore {
  /** Records a phone's registration, replacing the one it had (with this node or another). */
  put(registration: PhoneRegistration): Promise<void>;
  /** The phone's registration, unless it expired by `now`. */
  find(tenantId: string, kind: PhoneRegistration['kind'], address: string, now: number): Promise<PhoneRegistration | undefined>;
  /** Forgets the phone's registration if `ownerId` holds it; false when it holds none. */
  remove(tenantId: string, kind: PhoneRegistration['kind'], address: string, ownerId: string): Promise<boolean>;
  /** Forgets every registration `ownerId` holds (its lease lapsed); how many it held. */
  removeOwner(ownerId: string): Promise<number>;
}

export interface Store {
  dialer: DialerStore;
  phoneRegistrations: PhoneRegistrationStore;
  tenants: TenantStore;
  leases: LeaseStore;
  sessionEvents: SessionEventLog;
  sessionKeys: SessionKeyStore;
  sessions: SessionStore;
  agents: AgentStore;
  calls: CallStore;
  close(): Promise<void>;
}
