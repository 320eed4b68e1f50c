/**
 * What the client and the tab-session chunk (tab-session.ts, loaded at the first login of a browser page) know of
 * each other. One tab leads: it holds the agent's gateway session and softphone; the others follow.
 */
import type { EventMap, OperationName, OperationParams, OperationResponse } from '@agentsdk/protocol';
import type { Session } from '../gateway-link.js';
import type { AgentSdkState } from '../state/agent-sdk-state.js';
import type { TypedEmitter } from '../typed-emitter.js';

export type LoginParams = OperationParams<'login'>;
export type LoginResponse = OperationResponse<'login'>;
/** What a tab taking over needs: the session to resume and the login response (softphone credentials). */
export interface SharedSession {
  session: Session & { lastSeq: number };
  login: LoginResponse;
}

/** The client, as the tab session uses it. */
export interface TabSessionHost {
  readonly events: TypedEmitter<EventMap>;
  readonly requestTimeoutMs: number;
  /** Signs in from this tab (it leads). */
  loginHere(params: LoginParams): Promise<LoginResponse>;
  /** Runs an operation from this tab: its own, or one another tab sent (this tab leads). */
  runHere(name: OperationName, params: unknown): Promise<unknown>;
  /** This tab leads: what another would need to take over; undefined while no agent is signed in here. */
  sharedSession(): SharedSession | undefined;
  /** The leading tab closed: resume its session here, and start the softphone it had. */
  takeOver(shared: SharedSession): void;
  state(): AgentSdkState;
  replaceState(state: AgentSdkState): void;
}

export interface TabSession {
  /** The operation's outcome, run by the leading tab (here, if this tab leads). */
  run(name: OperationName, params: unknown): Promise<unknown>;
  /** This tab stops taking part (close()); if it led, another tab takes over. */
  leave(): void;
}

export type JoinTabSession = (host: TabSessionHost, params: LoginParams, baseURL: string) => Promise<{ session: TabSession; response: LoginResponse }>;
