/**
 * Delivery of events to sessions, wherever their socket lives. One gateway node uses the in-process bus; several
 * nodes share a Redis bus. Messages on one channel arrive in publish order.
 */
import type { WireEvent } from '@agentsdk/protocol';

export type BusMessage =
  /** An event for the sessions of an agent; only the named session when `sessionId` is set. */
  | (WireEvent & { kind: 'event'; sessionId?: string })
  /** Close the named session's socket (after the events published before this message). */
  | { kind: 'endSession'; sessionId: string; closeCode: number; reason: string }
  /** A node attached a socket to the session (sign-in or resume); any other node drops its copy of the session. */
  | { kind: 'sessionAttached'; sessionId: string; nodeId: string };

export type Unsubscribe = () => void;

export interface Bus {
  publish(channel: string, message: BusMessage): Promise<void>;
  subscribe(channel: string, handler: (message: BusMessage) => void): Unsubscribe;
  close(): Promise<void>;
}

/** The channel every session of one agent listens on. */
export function agentChannel(tenantId: string, agentNo: string): string {
  return `agent.${tenantId}.${agentNo}`;
}
