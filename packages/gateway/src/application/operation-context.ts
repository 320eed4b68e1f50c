/** What an operation handler receives and returns. */
import type { TenantAgent, TenantConfig } from '../domain/tenant.js';
import type { AgentService } from './agent-service.js';
import type { LiveSessions, SessionSocket } from './live-sessions.js';
import type { SessionKeys } from './session-keys.js';
import type { TenantDirectory } from './tenant-directory.js';
import type { Store } from '../ports/store.js';
import type { Clock } from '../ports/clock.js';
import type { Bus } from '../ports/bus.js';
import type { TelephonyDriver } from '../ports/telephony.js';
import type { CallService } from './call-service.js';
import type { DialerService } from './auto-dialer.js';

export interface GatewayServices {
  /** This gateway process's boot id: the owner of the calls and sockets it holds (docs/03, "What survives what"). */
  ownerId: string;
  store: Store;
  bus: Bus;
  clock: Clock;
  tenants: TenantDirectory;
  sessionKeys: SessionKeys;
  agents: AgentService;
  calls: CallService;
  telephony: TelephonyDriver;
  liveSessions: LiveSessions;
  dialer: DialerService;
}

/** The session a connection is signed in to. */
export interface BoundSession {
  sessionId: string;
  tenantId: string;
  agentNo: string;
}

/** One WebSocket connection, as the application sees it. */
export interface Connection {
  socket: SessionSocket;
  /** The client's address (behind a trusted proxy: the address the proxy reports). */
  remoteAddress: string;
  /** Host the client connected to (Host header), for URLs handed back to it. */
  host: string;
  secure: boolean;
  session?: BoundSession;
}

export interface OperationContext {
  connection: Connection;
  services: GatewayServices;
}

export interface SignedInContext extends OperationContext {
  session: BoundSession;
  tenant: TenantConfig;
  agent: TenantAgent;
}

/** A supervisor's session, with the queues it watches in this session (login `qids`). */
export interface SupervisorContext extends SignedInContext {
  watchedQueueNos: string[];
}

/** A supervisor operation on an agent in one of the watched queues (the row's `target: 'watchedAgent'`). */
export interface WatchedAgentContext extends SupervisorContext {
  target: TenantAgent;
}

export { failed, succeeded, type Outcome } from './outcome.js';
