/**
 * The client a CRM page talks to: `setup`, `on/off/once`, and one method per operation of the protocol's OPERATIONS
 * table, all going through `invoke`.
 */
import * as contract from '@agentsdk/protocol/contract';
import { OPERATION_NAMES, type ContractConstants, type EventMap, type OperationName, type OperationParams } from '@agentsdk/protocol';
import { resolveConfig, type ResolvedSdkConfig, type SdkConfig } from './config.js';
import { AgentSdkError, ErrorCodes, isAgentSdkError } from './errors.js';
import { GatewayLink } from './gateway-link.js';
import type { OperationMethods } from './operation-methods.js';
import { loadChunk } from './chunk-loader.js';
import type { PreflightOptions, PreflightReport } from './preflight.js';
import type { AgentSdkState } from './state/agent-sdk-state.js';
import { StateStore, type StateListener } from './state/state-store.js';
import { TelemetryRecorder } from './telemetry-recorder.js';
import { TypedEmitter, type EventHandler } from './typed-emitter.js';
import type { AudioDevices } from './softphone/softphone-contract.js';
import { SoftphoneController } from './softphone/softphone-controller.js';
import type { LoginResponse, TabSession, TabSessionHost } from './tabs/tab-session-contract.js';

/** How long previewObCall waits for the softphone to register (spec 4.1: dial only once it is ready). */
const SOFTPHONE_READY_TIMEOUT_MS = 5_000;

/** `AgentSDK.softphone`: the audio devices of the WebRTC softphone (docs/11-Softphone.md). */
export interface SoftphoneDevices {
  /** Microphones and speakers; labels are empty until the page has been granted the microphone once. */
  listDevices(): Promise<AudioDevices>;
  /** The microphone to use (now, and for later calls); undefined: the browser's default. */
  setInputDevice(deviceId: string | undefined): Promise<void>;
  /** The speaker for call audio and the ringtone; undefined: the browser's default. */
  setOutputDevice(deviceId: string | undefined): Promise<void>;
}

// The operation methods and the contract's constants (`AgentSDK.CallType.INBOUND`, for pages without a module
// system) are set in the constructor; this merge gives them their types.
export interface AgentSdkClient extends OperationMethods, ContractConstants {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above types what the constructor assigns
export class AgentSdkClient {
  /** The `code` of a local failure (`AgentSdkError`). */
  readonly ErrorCodes: typeof ErrorCodes = ErrorCodes;
  readonly #telemetry = new TelemetryRecorder();
  readonly #events = new TypedEmitter<EventMap>((event, error) =>
    this.#telemetry.record('handlerError', event, { message: error instanceof Error ? error.message : String(error) }),
  );
  /** First to listen to every event, so `getState()` is current inside the app's handlers. */
  readonly #store = new StateStore(this.#events);
  readonly #link = new GatewayLink(this.#events);
  readonly #phone = new SoftphoneController(this.#events);
  #config: ResolvedSdkConfig | undefined;
  /** The session shared with this browser's other tabs of the same agent, from login until close() or its end. */
  #tabs: TabSession | undefined;
  /** The successful login of this client's session (or the one it took over): a tab taking over needs it. */
  #login: LoginResponse | undefined;
  /** Stops watching the page's lifecycle signals (`watchLifecycle`); set from the first login until close(). */
  #stopLifecycleWatch: (() => void) | undefined;
  /** The softphone's devices. */
  readonly softphone: SoftphoneDevices = {
    listDevices: () => this.#phone.listDevices(this.requireConfig('listDevices').baseURL),
    setInputDevice: (deviceId) => this.#phone.setInputDevice(deviceId),
    setOutputDevice: (deviceId) => this.#phone.setOutputDevice(deviceId),
  };

  constructor() {
    Object.assign(this, contract);
    this.#events.on('connectionState', ({ state }) => {
      if (state === 'closed') this.#phone.stop();
    });
    this.#events.on('callMuted', (event) => this.#phone.agentMuted(event.direction, true));
    this.#events.on('callUnmuted', (event) => this.#phone.agentMuted(event.direction, false));
    const methods = this as unknown as Record<OperationName, (params?: unknown) => Promise<unknown>>;
    for (const name of OPERATION_NAMES) {
      methods[name] = (params?: unknown) => this.invoke(name, params);
    }
    this.#events.on('reconnectAttempt', ({ attempt, delayMs }) =>
      this.#telemetry.record('reconnect', 'reconnectAttempt', { attempt, delayMs }),
    );
    this.#events.on('connectionState', ({ state, reason }) => {
      if (state === 'reconnecting' || (state === 'closed' && reason !== undefined)) this.#telemetry.record('reconnect', state, { reason });
    });
  }

  /** Validates and applies the configuration; throws AgentSdkError INVALID_PARAMS naming a bad option. */
  setup(config: SdkConfig): void {
    this.#config = resolveConfig(config);
    this.#link.configure(this.#config);
    this.#telemetry.configure(this.#config.baseURL, this.#config.observability);
    // Fetched now so the first operation does not wait for it; a failure is reported by that operation.
    loadChunk('validation', this.#config.baseURL, () => import('./chunks/validation-chunk.js')).catch(() => undefined);
  }

  /**
   * Records a custom event for upload with the SDK's own events and errors when `observability` is on (batched,
   * fire and forget); does nothing otherwise. `data` is a small JSON object; `sessionKey` and `sipPwd` are blanked.
   */
  track(name: string, data?: Record<string, unknown>): void {
    if (typeof name !== 'string' || name === '')
      throw new AgentSdkError(ErrorCodes.INVALID_PARAMS, 'track needs a non-empty event name', { field: 'name' });
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      throw new AgentSdkError(ErrorCodes.INVALID_PARAMS, 'track data must be an object', { field: 'data' });
    }
    this.#telemetry.record('custom', name, data);
  }

  /**
   * What the SDK knows now, as one immutable snapshot: connection, session, agent status, the current call with its
   * legs, consultation or three-way call, monitoring, wrap-up countdown, softphone and (supervisors) queue status.
   * A new object after every change, the same object otherwise. Built only from events and responses.
   */
  getState(): AgentSdkState {
    return this.#store.current;
  }

  /**
   * Checks, before sign-in, that this page can work with the gateway of `setup`: HTTP reachability, a WebSocket round
   * trip, clock skew and, with `{ softphone: true }`, microphone permission and audio devices. Never rejects for a
   * failed check: each is reported as pass, warn or fail (docs/03-Core-Concepts-and-Lifecycle.md#preflight).
   */
  preflight(options?: PreflightOptions): Promise<PreflightReport> {
    try {
      const { baseURL } = this.requireConfig('preflight');
      return loadChunk('preflight', baseURL, () => import('./chunks/preflight-chunk.js')).then(({ runPreflight }) =>
        runPreflight(baseURL, options),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Calls `listener(state, previous)` after every change of `getState()`; returns the function that unsubscribes. */
  subscribe(listener: StateListener): () => void {
    return this.#store.subscribe(listener);
  }

  on<E extends keyof EventMap>(event: E, handler: EventHandler<EventMap[E]>): this {
    this.#events.on(event, handler);
    return this;
  }

  once<E extends keyof EventMap>(event: E, handler: EventHandler<EventMap[E]>): this {
    this.#events.once(event, handler);
    return this;
  }

  off<E extends keyof EventMap>(event: E, handler: EventHandler<EventMap[E]>): this {
    this.#events.off(event, handler);
    return this;
  }

  /**
   * Closes the connection without signing out and stops reconnecting; no timer is left behind. The gateway keeps the
   * session until its resume grace period ends. `login` may be called again afterwards.
   */
  close(): void {
    this.#tabs?.leave();
    this.#tabs = undefined;
    this.#link.close();
    this.#stopLifecycleWatch?.();
    this.#stopLifecycleWatch = undefined;
    this.#phone.stop();
    this.#telemetry.close();
  }

  /** Every operation; with `observability` on, local failures are recorded and a new session authenticates uploads. */
  private async invoke(name: OperationName, params: unknown): Promise<unknown> {
    try {
      const response = await this.invokeOperation(name, params);
      const signedIn = name === 'login' && (response as { code?: unknown }).code === 0;
      const sessionId = (response as { sessionId?: unknown }).sessionId;
      if (signedIn && typeof sessionId === 'string') {
        this.#telemetry.useSession({ sessionId, sessionKey: (params as OperationParams<'login'>).sessionKey });
      }
      return response;
    } catch (error) {
      if (isAgentSdkError(error)) this.#telemetry.record('error', error.code, { operation: name, message: error.message });
      throw error;
    }
  }

  private async invokeOperation(name: OperationName, params: unknown): Promise<unknown> {
    const config = this.requireConfig(name);
    const { validateParams } = await loadChunk('validation', config.baseURL, () => import('./chunks/validation-chunk.js'));
    const validation = validateParams(name, params);
    if (!validation.ok) {
      throw new AgentSdkError(ErrorCodes.INVALID_PARAMS, validation.message, { field: validation.field });
    }
    if (name !== 'login') return this.#tabs === undefined ? this.runHere(name, params) : this.#tabs.run(name, params);
    this.#tabs?.leave();
    this.#tabs = undefined;
    const loginParams = params as OperationParams<'login'>;
    if (!config.shareSessionAcrossTabs || !canShareAcrossTabs()) return this.loginHere(loginParams);
    const { joinTabSession } = await loadChunk('tabs', config.baseURL, () => import('./chunks/tabs-chunk.js'));
    const { session, response } = await joinTabSession(this.tabSessionHost(config), loginParams, config.baseURL);
    this.#tabs = session;
    return response;
  }

  private async loginHere(params: OperationParams<'login'>): Promise<LoginResponse> {
    const config = this.requireConfig('login');
    this.#phone.stop();
    this.watchLifecycle(config.baseURL);
    const response = (await this.#link.run('login', params)) as LoginResponse;
    if (response.code === 0) {
      this.#login = response;
      this.#phone.start(response, config);
    }
    return response;
  }

  /** An operation other than login, run by this client (its own, or one another tab sent it to run). */
  private async runHere(name: OperationName, params: unknown): Promise<unknown> {
    switch (name) {
      // The softphone answers and hangs up in the browser: these never reach the gateway.
      case 'sipLink':
        return this.#phone.link();
      case 'sipUnlink':
        return this.#phone.unlink();
      case 'previewObCall':
        if (this.#phone.active) await this.#phone.waitRegistered(name, SOFTPHONE_READY_TIMEOUT_MS);
        return this.#link.run(name, params);
      default:
        return this.#link.run(name, params);
    }
  }

  /** The page's lifecycle signals (page-lifecycle.ts, the `lifecycle` chunk) make the link check its connection. */
  private watchLifecycle(baseURL: string): void {
    if (this.#stopLifecycleWatch !== undefined) return;
    let stopWatch: (() => void) | undefined;
    let stopped = false;
    this.#stopLifecycleWatch = () => {
      stopped = true;
      stopWatch?.();
    };
    loadChunk('lifecycle', baseURL, () => import('./chunks/lifecycle-chunk.js')).then(
      ({ watchPageLifecycle }) => {
        if (!stopped) stopWatch = watchPageLifecycle((signal) => this.#link.checkConnection(signal));
      },
      // Best effort: without the watch, the heartbeat still finds a dead socket.
      () => undefined,
    );
  }

  private tabSessionHost(config: ResolvedSdkConfig): TabSessionHost {
    return {
      events: this.#events,
      requestTimeoutMs: config.requestTimeoutMs,
      loginHere: (params) => this.loginHere(params),
      runHere: (name, params) => this.runHere(name, params),
      sharedSession: () => {
        const session = this.#link.sharedSession();
        return session === undefined || this.#login === undefined ? undefined : { session, login: this.#login };
      },
      takeOver: ({ session, login }) => {
        this.#login = login;
        this.watchLifecycle(config.baseURL);
        this.#link.adopt(session);
        this.#phone.start(login as Extract<LoginResponse, { code: 0 }>, config);
      },
      state: () => this.#store.current,
      replaceState: (state) => this.#store.replace(state),
    };
  }

  private requireConfig(operation: string): ResolvedSdkConfig {
    if (this.#config === undefined) {
      throw new AgentSdkError(ErrorCodes.NOT_INITIALIZED, `${operation} was called before setup(config)`, { operation });
    }
    return this.#config;
  }
}

/** Web Locks elect the tab that holds the session; BroadcastChannel carries its events to the others. */
function canShareAcrossTabs(): boolean {
  return typeof BroadcastChannel === 'function' && typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';
}

/** A new independent client; `AgentSDK` is one of these. Passing a config is the same as calling `setup` on it. */
export function createAgentSdk(config?: SdkConfig): AgentSdkClient {
  const client = new AgentSdkClient();
  if (config !== undefined) client.setup(config);
  return client;
}
