/**
 * The softphone as the core SDK sees it: started after a softphone login (endpointType 3, `webrtc: true`), stopped
 * when the session ends. It loads the softphone module on first use, tracks its registration (`softphoneState`), and
 * serves sipLink / sipUnlink and the device API. Every state change goes through `enter`.
 */
import { EndpointType, type EventMap, type OperationResponse, type SoftphoneStateEvent } from '@agentsdk/protocol';
import type { ResolvedSdkConfig } from '../config.js';
import { AgentSdkError, ErrorCodes, isAgentSdkError } from '../errors.js';
import type { TypedEmitter } from '../typed-emitter.js';
import type { AudioDevices, SoftphoneHandle, SoftphoneLogin, SoftphoneModule, SoftphoneRegistration } from './softphone-contract.js';
import { loadSoftphoneModule } from './softphone-loader.js';

type SoftphoneState = SoftphoneStateEvent['state'];
type LoginResponse = Extract<OperationResponse<'login'>, { code: 0 }>;

export class SoftphoneController {
  private state: SoftphoneState = 'off';
  private reason: string | undefined;
  private handle: SoftphoneHandle | undefined;
  private generation = 0;
  private inputDeviceId: string | undefined;
  private outputDeviceId: string | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly events: TypedEmitter<EventMap>) {}

  /** Whether this session uses the softphone (from login until the session ends). */
  get active(): boolean {
    return this.state !== 'off';
  }

  start(response: LoginResponse, config: ResolvedSdkConfig): void {
    this.stop();
    if (!config.webrtc || !isSoftphoneLogin(response)) return;
    const generation = ++this.generation;
    const unsupported = missingBrowserSupport();
    if (unsupported) return this.enter('failed', `${ErrorCodes.MEDIA_NOT_SUPPORTED}: ${unsupported}`);
    this.enter('loading');
    loadSoftphoneModule(config.baseURL).then(
      (module) => {
        if (generation !== this.generation) return;
        this.handle = module.startSoftphone({
          login: response,
          webrtcStats: config.webrtcStats,
          audioDebug: config.audio_debug,
          debug: config.debug,
          inputDeviceId: this.inputDeviceId,
          outputDeviceId: this.outputDeviceId,
          emit: (event, payload) => {
            if (generation === this.generation) this.events.emit(event, { ...payload, eventType: event } as never);
          },
          onRegistration: (state: SoftphoneRegistration, reason?: string) => {
            if (generation === this.generation) this.enter(state, reason);
          },
        });
      },
      (error: unknown) => {
        if (generation === this.generation)
          this.enter('failed', `${ErrorCodes.MISSING_DEP}: the SIP stack could not be loaded (${messageOf(error)})`);
      },
    );
  }

  /** The session ended or the client closed: unregister and hang up. */
  stop(): void {
    this.generation += 1;
    const handle = this.handle;
    this.handle = undefined;
    void handle?.stop();
    this.enter('off');
  }

  async link(): Promise<OperationResponse<'sipLink'>> {
    await this.requireRegistered('sipLink').answer();
    return this.respond('sipLink');
  }

  async unlink(): Promise<OperationResponse<'sipUnlink'>> {
    await this.requireRegistered('sipUnlink').hangup();
    return this.respond('sipUnlink');
  }

  /** Resolves once registered; rejects SIP_NOT_AVAILABLE after `timeoutMs` or at once when registration failed. */
  async waitRegistered(operation: string, timeoutMs: number): Promise<void> {
    if (this.state === 'registered') return;
    if (this.state !== 'failed') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        this.waiters.add(done);
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
      });
      if (this.currentState() === 'registered') return;
    }
    throw this.notRegistered(operation, this.currentState() === 'failed' ? undefined : `not registered within ${timeoutMs / 1000} s`);
  }

  /** The gateway muted or unmuted the agent: the microphone track follows. */
  agentMuted(direction: unknown, muted: boolean): void {
    if (direction === 'out' || direction === 'all') this.handle?.setMuted(muted);
  }

  async listDevices(baseURL: string): Promise<AudioDevices> {
    if (missingBrowserSupport()) throw new AgentSdkError(ErrorCodes.MEDIA_NOT_SUPPORTED, `listDevices: ${missingBrowserSupport()}`);
    return (await this.module(baseURL)).listAudioDevices();
  }

  /** The microphone for the next call, and for the current one at once; undefined: the browser's default. */
  async setInputDevice(deviceId: string | undefined): Promise<void> {
    this.inputDeviceId = deviceId;
    await this.handle?.setInputDevice(deviceId);
  }

  /** The speaker of the call audio and the ringtone; undefined: the browser's default. */
  async setOutputDevice(deviceId: string | undefined): Promise<void> {
    this.outputDeviceId = deviceId;
    await this.handle?.setOutputDevice(deviceId);
  }

  private async module(baseURL: string): Promise<SoftphoneModule> {
    try {
      return await loadSoftphoneModule(baseURL);
    } catch (error) {
      throw new AgentSdkError(ErrorCodes.MISSING_DEP, `the SIP stack could not be loaded (${messageOf(error)})`);
    }
  }

  /** Read through a method, so the compiler does not narrow it across an await. */
  private currentState(): SoftphoneState {
    return this.state;
  }

  private requireRegistered(operation: string): SoftphoneHandle {
    if (this.state !== 'registered' || !this.handle) throw this.notRegistered(operation);
    return this.handle;
  }

  /** MEDIA_NOT_SUPPORTED and MISSING_DEP failures keep their code; everything else is SIP_NOT_AVAILABLE. */
  private notRegistered(operation: string, why?: string): AgentSdkError {
    const reason =
      why ??
      this.reason ??
      (this.state === 'off'
        ? 'no softphone in this session (bindEndpoint.endpointType 3 and setup({ webrtc: true }) start it)'
        : `the softphone is ${this.state}`);
    const coded = /^(MEDIA_NOT_SUPPORTED|MISSING_DEP): (.*)$/.exec(reason);
    if (coded) return new AgentSdkError(coded[1] as 'MEDIA_NOT_SUPPORTED', `${operation}: ${coded[2]}`, { operation });
    return new AgentSdkError(ErrorCodes.SIP_NOT_AVAILABLE, `${operation}: the softphone is not registered: ${reason}`, {
      operation,
      state: this.state,
    });
  }

  private respond<K extends 'sipLink' | 'sipUnlink'>(operation: K): OperationResponse<K> {
    const response = { action: `${operation}Resp`, code: 0, message: 'ok' } as OperationResponse<K>;
    this.events.emit(response.action, { ...response, eventType: response.action } as never);
    return response;
  }

  private enter(state: SoftphoneState, reason?: string): void {
    if (state === this.state && reason === this.reason) return;
    this.state = state;
    this.reason = reason;
    this.events.emit(
      'softphoneState',
      reason === undefined ? { eventType: 'softphoneState', state } : { eventType: 'softphoneState', state, reason },
    );
    if (state === 'registered' || state === 'failed' || state === 'off') for (const wake of [...this.waiters]) wake();
  }
}

function isSoftphoneLogin(response: LoginResponse): response is LoginResponse & SoftphoneLogin {
  return (
    response.bindEndpoint?.endpointType === EndpointType.SOFTPHONE &&
    !!response.webrtcSocketUrl &&
    !!response.sipPwd &&
    !!response.sessionId
  );
}

/** Why this environment cannot run the softphone, or undefined when it can. */
function missingBrowserSupport(): string | undefined {
  if (typeof RTCPeerConnection === 'undefined') return 'this environment has no WebRTC (RTCPeerConnection)';
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return 'no microphone access (navigator.mediaDevices); pages need HTTPS (or localhost) to use the microphone';
  }
  return undefined;
}

function messageOf(error: unknown): string {
  if (isAgentSdkError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
