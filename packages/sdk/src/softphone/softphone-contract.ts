/**
 * What the core SDK and the lazily loaded softphone module (JsSIP, WebRTC) say to each other. Types only, so the core
 * bundle carries none of the module's code.
 */
import type {
  LoginResult,
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

/** A login that starts the softphone: bound to endpointType 3, with the SIP credentials the gateway gave it. */
export type SoftphoneLogin = LoginResult & Required<Pick<LoginResult, 'webrtcSocketUrl' | 'sipPwd'>>;

/** What the core hands the module when a softphone agent has signed in. */
export interface SoftphoneSession {
  login: SoftphoneLogin;
  webrtcStats: boolean;
  audioDebug: boolean;
  debug: boolean;
  /** The devices chosen before the softphone started; undefined: the browser's default. */
  inputDeviceId: string | undefined;
  outputDeviceId: string | undefined;
  emit<E extends keyof SoftphoneEvents>(event: E, payload: SoftphoneEvents[E]): void;
  /** Registration state changes; `reason` says why it is not registered. */
  onRegistration(state: SoftphoneRegistration, reason?: string): void;
}

/** The module's own: what its JsSIP user agent is started with, built from a `SoftphoneSession`. */
export interface SoftphoneStartOptions extends Omit<SoftphoneSession, 'login'> {
  /** The login response's webrtcSocketUrl. */
  socketUrl: string;
  /** `sip:<endpoint>@<sipIp>`. */
  sipUri: string;
  /** Digest username: the session id. */
  username: string;
  password: string;
  /** The login response's webrtcStunServer; empty: none. */
  stunServer: string;
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
  /**
   * sipLink: answers the ringing call, or one that starts ringing within a moment (the gateway may just have offered
   * it); rejects with an AgentSdkError (SIP_NOT_AVAILABLE, MEDIA_NOT_SUPPORTED).
   */
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
  startSoftphone(session: SoftphoneSession): SoftphoneHandle;
  listAudioDevices(): Promise<AudioDevices>;
}
