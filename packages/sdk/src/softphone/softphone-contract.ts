/**
 * What the core SDK and the lazily loaded softphone module (JsSIP, WebRTC) say to each other. Types only, so the core
 * bundle carries none of the module's code.
 */
import type {
  SipDisconnectedEvent,
  SipSessionInitEvent,
  SipSessionTerminateEvent,
  SoftphoneStateEvent,
  WebrtcStatsEvent,
} from '@agentsdk/protocol';

export interface SoftphoneEvents {
  sipSessionInit: SipSessionInitEvent;
  sipSessionTerminate: SipSessionTerminateEvent;
  sipDisconnected: SipDisconnectedEvent;
  webrtcStats: WebrtcStatsEvent;
}

export type SoftphoneRegistration = Exclude<SoftphoneStateEvent['state'], 'off' | 'loading'>;

export interface SoftphoneStartOptions {
  /** The login response's webrtcSocketUrl. */
  socketUrl: string;
  /** `sip:<endpoint>@<sipIp>`. */
  sipUri: string;
  /** Digest username: the session id. */
  username: string;
  password: string;
  /** The login response's webrtcStunServer; empty: none. */
  stunServer: string;
  webrtcStats: boolean;
  audioDebug: boolean;
  debug: boolean;
  inputDeviceId?: string;
  outputDeviceId?: string;
  emit<E extends keyof SoftphoneEvents>(event: E, payload: SoftphoneEvents[E]): void;
  /** Registration state changes; `reason` says why it is not registered. */
  onRegistration(state: SoftphoneRegistration, reason?: string): void;
}

export interface AudioDeviceInfo {
  deviceId: string;
  label: string;
}

export interface AudioDevices {
  inputs: AudioDeviceInfo[];
  outputs: AudioDeviceInfo[];
}

export interface SoftphoneHandle {
  /** Whether a call rings on the softphone now. */
  hasRingingCall(): boolean;
  /** Resolves once a call rings, false after `timeoutMs`. */
  waitForRingingCall(timeoutMs: number): Promise<boolean>;
  hasCall(): boolean;
  /** Answers the ringing call; rejects with an AgentSdkError (SIP_NOT_AVAILABLE, MEDIA_NOT_SUPPORTED). */
  answer(): Promise<void>;
  /** Hangs up the call, or declines it while it rings; rejects SIP_NOT_AVAILABLE when there is none. */
  hangup(): Promise<void>;
  /** Disables or enables the microphone track of the call. */
  setMuted(muted: boolean): void;
  setInputDevice(deviceId: string | undefined): Promise<void>;
  setOutputDevice(deviceId: string | undefined): Promise<void>;
  /** Unregisters and closes the signalling socket; ends a call in progress. */
  stop(): Promise<void>;
}

export interface SoftphoneModule {
  startSoftphone(options: SoftphoneStartOptions): SoftphoneHandle;
  listAudioDevices(): Promise<AudioDevices>;
}
