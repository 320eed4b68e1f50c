/**
 * Delivery of events to sessions, wherever their socket lives, and requests to the node that holds a call's legs.
 * One gateway node uses the in-process bus; several nodes share a Redis bus. Messages on one channel arrive in
 * publish order. Every adapter passes tests/bus-conformance.test.ts.
 */
import type { WireEvent } from '@agentsdk/protocol';
import type { CallEffect, CallRecord } from '../domain/call.js';
import type { DtmfTiming } from './telephony.js';

export type BusMessage =
  /** An event for the sessions of an agent; only the named session when `sessionId` is set. */
  | (WireEvent & { kind: 'event'; sessionId?: string })
  /** Close the named session's socket (after the events published before this message). */
  | { kind: 'endSession'; sessionId: string; closeCode: number; reason: string }
  /** A node attached a socket to the session (sign-in or resume); any other node drops its copy of the session. */
  | { kind: 'sessionAttached'; sessionId: string; nodeId: string };

/** What one node asks of the node holding a call's legs (its boot id, `CallRecord.ownerId`). */
export type NodeRequest =
  /** Apply the effects of a call transition another node ran: the legs, timers and routing are the owner's. */
  | { kind: 'applyCallEffects'; call: CallRecord; effects: CallEffect[] }
  | { kind: 'sendDtmf'; legId: string; digits: string; timing: DtmfTiming };

export type Unsubscribe = () => void;

export interface Bus {
  publish(channel: string, message: BusMessage): Promise<void>;
  subscribe(channel: string, handler: (message: BusMessage) => void): Unsubscribe;
  /**
   * Has the node serving `nodeId` handle `request` and resolves once it has. Rejects with `NodeUnreachableError`
   * when no node serves `nodeId` (it is gone), `NodeRequestTimeoutError` when the answer takes longer than
   * `timeoutMs`, `NodeRequestFailedError` when the handler failed.
   */
  request(nodeId: string, request: NodeRequest, timeoutMs: number): Promise<void>;
  /** Handles the requests addressed to `nodeId` (this node's boot id); resolves once requests can reach it. */
  serve(nodeId: string, handler: (request: NodeRequest) => Promise<void>): Promise<Unsubscribe>;
  close(): Promise<void>;
}

/** The channel every session of one agent listens on. */
export function agentChannel(tenantId: string, agentNo: string): string {
  return `agent.${tenantId}.${agentNo}`;
}
