/**
 * One session across the tabs of a browser (the `tabs` chunk). Tabs signed in as the same agent of the same gateway
 * elect a leader with a Web Lock: it holds the gateway session (and the softphone) and broadcasts every event it
 * emits on a BroadcastChannel; the other tabs replay those events into their own state store and event handlers, and
 * send their operations to the leader. Each follower queues for the lock, so when the leader's tab closes the browser
 * grants it to the next one, which resumes the session with what the leader shared (session key, last event seen).
 * Nothing polls: the lock queue and the channel carry everything.
 */
import { EventType, type EventName, type OperationName } from '@agentsdk/protocol';
import { AgentSdkError, ErrorCodes, isAgentSdkError, type ErrorCode } from '../errors.js';
import type { AgentSdkState } from '../state/agent-sdk-state.js';
import type { JoinTabSession, LoginParams, LoginResponse, SharedSession, TabSession, TabSessionHost } from './tab-session-contract.js';

type SerializedError = { code: ErrorCode | undefined; message: string; details?: Record<string, unknown> };

type TabMessage =
  | { kind: 'join'; from: string }
  | { kind: 'welcome'; to: string; state: AgentSdkState; shared: SharedSession }
  | { kind: 'refused'; to: string; response: LoginResponse }
  | { kind: 'event'; event: EventName; payload: unknown; shared: SharedSession | undefined }
  | { kind: 'call'; from: string; id: number; name: OperationName; params: unknown }
  | { kind: 'result'; to: string; id: number; value: unknown }
  | { kind: 'failure'; to: string; id: number; error: SerializedError }
  | { kind: 'leader'; from: string }
  | { kind: 'ended' };

interface PendingCall {
  message: Extract<TabMessage, { kind: 'call' }>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

/** The longest a follower waits for the leader's answer: the leader's own request timeout, a settlement, a takeover. */
const FORWARD_TIMEOUT_EXTRA_MS = 5_000;

export const joinTabSession: JoinTabSession = async (host, params, baseURL) => {
  const member = new TabMember(host, `agentsdk:${new URL(baseURL).origin}:${params.tenantId}:${params.agentNo}`);
  const response = await member.start(params);
  return { session: member, response };
};

class TabMember implements TabSession {
  private readonly id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  private readonly channel: BroadcastChannel;
  private role: 'starting' | 'leader' | 'follower' | 'left' = 'starting';
  private releaseLock: (() => void) | undefined;
  private readonly queue = new AbortController();
  /** Follower: the session as the leader last shared it, to resume if this tab takes over. */
  private shared: SharedSession | undefined;
  private readonly pending = new Map<number, PendingCall>();
  private callCount = 0;
  /** Leader: calls taken, by `from:id`, so one sent again after a takeover runs once. */
  private readonly taken = new Set<string>();
  /** Leader signing in: tabs that asked to join meanwhile. */
  private readonly waitingJoins = new Set<string>();
  private joined: { resolve(response: LoginResponse): void; reject(error: unknown): void } | undefined;
  private pendingLogin: LoginParams | undefined;
  private stopBroadcasting: (() => void) | undefined;
  /** While this tab resumes the session it took over: settles once the connection is open (or closed). */
  private takingOver: Promise<void> | undefined;
  private finishTakingOver: (() => void) | undefined;

  constructor(
    private readonly host: TabSessionHost,
    private readonly name: string,
  ) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (message: MessageEvent<TabMessage>) => this.receive(message.data);
  }

  async start(params: LoginParams): Promise<LoginResponse> {
    if (await this.tryToLead()) return this.signInAsLeader(params);
    this.role = 'follower';
    this.pendingLogin = params;
    const joined = new Promise<LoginResponse>((resolve, reject) => (this.joined = { resolve, reject }));
    this.queueForLead();
    this.post({ kind: 'join', from: this.id });
    return joined;
  }

  run(name: OperationName, params: unknown): Promise<unknown> {
    if (this.role !== 'follower') return this.runHere(name, params);
    const message = { kind: 'call' as const, from: this.id, id: ++this.callCount, name, params };
    return new Promise((resolve, reject) => {
      const timeoutMs = this.host.requestTimeoutMs * 2 + FORWARD_TIMEOUT_EXTRA_MS;
      const timer = setTimeout(() => {
        this.pending.delete(message.id);
        reject(new AgentSdkError(ErrorCodes.REQUEST_TIMEOUT, `The tab holding the session did not answer ${name} within ${timeoutMs} ms`, { action: name, timeoutMs }));
      }, timeoutMs);
      this.pending.set(message.id, { message, resolve, reject, timer });
      this.post(message);
    });
  }

  leave(): void {
    this.end();
  }

  private tryToLead(): Promise<boolean> {
    return new Promise((decided) => {
      navigator.locks
        .request(this.name, { ifAvailable: true }, (lock) => {
          decided(lock !== null);
          return lock === null ? undefined : this.holdLock();
        })
        .catch(() => decided(false));
    });
  }

  /** Granted when every tab ahead of this one has left: this tab leads from then on. */
  private queueForLead(): void {
    navigator.locks
      .request(this.name, { signal: this.queue.signal }, () => {
        if (this.role === 'left') return undefined;
        const held = this.holdLock();
        this.takeOver();
        return held;
      })
      .catch(() => undefined);
  }

  private holdLock(): Promise<void> {
    return new Promise((release) => (this.releaseLock = release));
  }

  private async signInAsLeader(params: LoginParams): Promise<LoginResponse> {
    this.role = 'leader';
    let response: LoginResponse;
    try {
      response = await this.host.loginHere(params);
    } catch (error) {
      this.end();
      throw error;
    }
    if (response.code !== 0) {
      for (const to of this.waitingJoins) this.post({ kind: 'refused', to, response });
      this.end();
      return response;
    }
    this.broadcastEvents();
    for (const to of this.waitingJoins) this.welcome(to);
    this.waitingJoins.clear();
    return response;
  }

  private takeOver(): void {
    this.role = 'leader';
    this.post({ kind: 'leader', from: this.id });
    const shared = this.shared;
    if (shared !== undefined) {
      this.takingOver = this.resumed();
      this.broadcastEvents();
      this.host.takeOver(shared);
    } else if (this.pendingLogin !== undefined && this.joined !== undefined) {
      // The tab that led closed before it had signed in: sign in from here.
      const joined = this.joined;
      this.joined = undefined;
      this.signInAsLeader(this.pendingLogin).then(joined.resolve, joined.reject);
    } else {
      this.end();
    }
    // Calls this tab had sent to the closed leader go to itself now; the others re-send theirs on `leader`.
    for (const call of this.takePending()) this.runHere(call.message.name, call.message.params).then(call.resolve, call.reject);
  }

  /** Leader: every event this tab emits, for the followers' state and handlers, with what a takeover would need. */
  private broadcastEvents(): void {
    if (this.stopBroadcasting !== undefined) return;
    const handlers = (Object.values(EventType) as EventName[]).map((event) => {
      const handler = (payload: unknown) => {
        this.post({ kind: 'event', event, payload, shared: this.host.sharedSession() });
        if (event === 'connectionState' && (payload as { state?: string }).state === 'closed' && this.host.sharedSession() === undefined) {
          // Signed out, kicked out or given up: the session is over for every tab.
          this.post({ kind: 'ended' });
          this.end();
        }
      };
      this.host.events.on(event, handler);
      return [event, handler] as const;
    });
    this.stopBroadcasting = () => {
      for (const [event, handler] of handlers) this.host.events.off(event, handler);
    };
  }

  /** Operations wait for a takeover's resume (at most the request timeout) rather than fail while it runs. */
  private async runHere(name: OperationName, params: unknown): Promise<unknown> {
    await this.takingOver;
    return this.host.runHere(name, params);
  }

  private resumed(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.host.events.off('connectionState', settle);
        this.takingOver = this.finishTakingOver = undefined;
        resolve();
      };
      this.finishTakingOver = done;
      const settle = ({ state }: { state: string }) => (state === 'open' || state === 'closed') && done();
      const timer = setTimeout(done, this.host.requestTimeoutMs);
      this.host.events.on('connectionState', settle);
    });
  }

  private welcome(to: string): void {
    const shared = this.host.sharedSession();
    if (shared === undefined) this.waitingJoins.add(to);
    else this.post({ kind: 'welcome', to, state: this.host.state(), shared });
  }

  private receive(message: TabMessage): void {
    if (this.role === 'left') return;
    switch (message.kind) {
      case 'join':
        if (this.role === 'leader') this.welcome(message.from);
        return;
      case 'call':
        if (this.role === 'leader') this.serve(message);
        return;
      case 'leader':
        // A new leader: calls the closed one never answered are sent to it (it runs each once).
        for (const call of this.pending.values()) this.post(call.message);
        return;
      case 'ended':
        this.end();
        return;
      default:
        if (this.role === 'follower') this.follow(message);
    }
  }

  private follow(message: Exclude<TabMessage, { kind: 'join' | 'call' | 'leader' | 'ended' }>): void {
    switch (message.kind) {
      case 'event':
        if (message.shared !== undefined) this.shared = message.shared;
        this.host.events.emit(message.event, message.payload as never);
        return;
      case 'welcome':
        if (message.to !== this.id || this.joined === undefined) return;
        this.shared = message.shared;
        // What a tab signing in by itself would see: its loginResp, then the agent's status (and the state as it is).
        this.host.events.emit('loginResp', { ...message.shared.login, eventType: 'loginResp' } as never);
        this.host.replaceState(message.state);
        if (message.state.agent !== undefined) this.host.events.emit('agentStatus', { ...message.state.agent, eventType: 'agentStatus' } as never);
        this.settleJoin((joined) => joined.resolve(message.shared.login));
        return;
      case 'refused':
        if (message.to !== this.id) return;
        this.settleJoin((joined) => joined.resolve(message.response));
        this.end();
        return;
      case 'result':
      case 'failure': {
        const call = message.to === this.id ? this.pending.get(message.id) : undefined;
        if (call === undefined) return;
        this.pending.delete(message.id);
        clearTimeout(call.timer);
        if (message.kind === 'result') call.resolve(message.value);
        else call.reject(deserializeError(message.error));
      }
    }
  }

  private settleJoin(settle: (joined: NonNullable<TabMember['joined']>) => void): void {
    const joined = this.joined;
    this.joined = undefined;
    this.pendingLogin = undefined;
    if (joined !== undefined) settle(joined);
  }

  private serve(message: Extract<TabMessage, { kind: 'call' }>): void {
    const key = `${message.from}:${message.id}`;
    if (this.taken.has(key)) return;
    this.taken.add(key);
    this.runHere(message.name, message.params).then(
      (value) => this.post({ kind: 'result', to: message.from, id: message.id, value }),
      (error: unknown) => this.post({ kind: 'failure', to: message.from, id: message.id, error: serializeError(error) }),
    );
  }

  private takePending(): PendingCall[] {
    const calls = [...this.pending.values()];
    for (const call of calls) clearTimeout(call.timer);
    this.pending.clear();
    return calls;
  }

  private end(): void {
    if (this.role === 'left') return;
    this.role = 'left';
    this.finishTakingOver?.();
    this.stopBroadcasting?.();
    this.queue.abort();
    this.releaseLock?.();
    this.channel.close();
    const reason = 'this tab left the session shared with other tabs';
    for (const call of this.takePending()) call.reject(new AgentSdkError(ErrorCodes.WS_NOT_CONNECTED, `${call.message.name}: ${reason}`, { action: call.message.name }));
    this.settleJoin((joined) => joined.reject(new AgentSdkError(ErrorCodes.WS_NOT_CONNECTED, `login: ${reason}`, { action: 'login' })));
  }

  private post(message: TabMessage): void {
    if (this.role !== 'left') this.channel.postMessage(message);
  }
}

function serializeError(error: unknown): SerializedError {
  if (isAgentSdkError(error)) return { code: error.code, message: error.message, ...(error.details && { details: error.details }) };
  return { code: undefined, message: error instanceof Error ? error.message : String(error) };
}

function deserializeError({ code, message, details }: SerializedError): Error {
  return code === undefined ? new Error(message) : new AgentSdkError(code, message, details);
}
