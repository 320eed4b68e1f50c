/**
 * The softphone: a JsSIP user agent registered on the gateway's SIP WebSocket, with one call at a time. Calls to the
 * agent arrive as SIP INVITEs carrying a WebRTC offer; answering opens the microphone and plays the far end through
 * an <audio> element. A second call while one is in progress is answered busy.
 */
import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingRTCSessionEvent } from 'jssip/lib/UA.js';
import { AgentSdkError, ErrorCodes } from '../errors.js';
import type { SoftphoneHandle, SoftphoneStartOptions } from '../softphone/softphone-contract.js';
import { openMicrophone } from './audio-devices.js';
import { CallQuality, STATS_INTERVAL_MS } from './call-quality.js';
import { registrationFailure } from './registration-failure.js';
import { RemoteAudio } from './remote-audio.js';
import { Ringtone } from './ringtone.js';

/** A call the gateway just offered may still be on its way to the phone when the app calls sipLink. */
const RINGING_GRACE_MS = 3_000;

/** JsSIP gathers every ICE candidate before answering; past the first candidate, this is as long as it may take. */
const ICE_GATHERING_GRACE_MS = 1_000;

interface Call {
  session: RTCSession;
  callId: string;
  sipCallId: string;
  remoteNumber: string;
  answered: boolean;
  microphone?: MediaStream;
  statsTimer?: ReturnType<typeof setInterval>;
}

interface EndEvent {
  originator: 'local' | 'remote' | 'system';
  cause?: string;
}

export class JsSipSoftphone implements SoftphoneHandle {
  private readonly ua: JsSIP.UA;
  private readonly ringtone: Ringtone;
  private readonly remoteAudio: RemoteAudio;
  private call: Call | undefined;
  private connected = false;
  private stopped = false;
  private muted = false;
  private inputDeviceId: string | undefined;
  private readonly ringWaiters = new Set<() => void>();

  constructor(private readonly options: SoftphoneStartOptions) {
    this.inputDeviceId = options.inputDeviceId;
    this.ringtone = new Ringtone(options.outputDeviceId);
    this.remoteAudio = new RemoteAudio(options.audioDebug, options.outputDeviceId);
    if (options.debug) JsSIP.debug.enable('JsSIP:*');
    else JsSIP.debug.disable();
    this.ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(options.socketUrl)],
      uri: options.sipUri,
      authorization_user: options.username,
      password: options.password,
      register: true,
      register_expires: 300,
      session_timers: false,
      user_agent: 'AgentSDK softphone',
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 8,
    });
    this.ua.on('connecting', () => options.onRegistration('registering'));
    this.ua.on('connected', () => {
      this.connected = true;
    });
    this.ua.on('disconnected', (event: { code?: number; reason?: string }) => this.onDisconnected(event));
    this.ua.on('registered', () => options.onRegistration('registered'));
    this.ua.on('unregistered', () => {
      if (!this.stopped) options.onRegistration('registering', 'the registration ended; registering again');
    });
    this.ua.on('registrationFailed', (event: { cause?: string; response?: { status_code?: number; reason_phrase?: string } }) => {
      const failure = registrationFailure(event.cause, event.response?.status_code, event.response?.reason_phrase);
      options.onRegistration(failure.final ? 'failed' : 'registering', failure.reason);
    });
    this.ua.on('newRTCSession', (event: IncomingRTCSessionEvent | { originator: 'local' }) => {
      if (event.originator === 'remote') this.onIncoming(event as IncomingRTCSessionEvent);
    });
    this.ua.start();
  }

  private hasRingingCall(): boolean {
    return this.call !== undefined && !this.call.answered;
  }

  /** Resolves once a call rings, or after `timeoutMs`. */
  private waitForRingingCall(timeoutMs: number): Promise<void> {
    if (this.hasRingingCall()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.ringWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.ringWaiters.add(done);
    });
  }

  async answer(): Promise<void> {
    await this.waitForRingingCall(RINGING_GRACE_MS);
    const call = this.call;
    if (!call || call.answered) throw notAvailable('sipLink', 'no call is ringing on the softphone');
    const microphone = await openMicrophone(this.inputDeviceId);
    if (this.call !== call || call.answered) {
      stopTracks(microphone);
      throw notAvailable('sipLink', 'the call stopped ringing');
    }
    call.microphone = microphone;
    call.answered = true;
    this.muted = false;
    this.ringtone.stop();
    await new Promise<void>((resolve, reject) => {
      const accepted = () => {
        call.session.off('failed', failed);
        resolve();
      };
      const failed = (event: EndEvent) => {
        call.session.off('accepted', accepted);
        reject(notAvailable('sipLink', `the call ended before it was answered (${event.cause ?? 'failed'})`));
      };
      call.session.once('accepted', accepted);
      call.session.once('failed', failed);
      try {
        call.session.answer({
          mediaStream: microphone,
          pcConfig: { iceServers: this.options.stunServer ? [{ urls: this.options.stunServer }] : [], rtcpMuxPolicy: 'require' },
        });
      } catch (error) {
        call.session.off('accepted', accepted);
        call.session.off('failed', failed);
        reject(notAvailable('sipLink', `the call could not be answered (${error instanceof Error ? error.message : String(error)})`));
      }
    });
  }

  async hangup(): Promise<void> {
    const call = this.call;
    if (!call) throw notAvailable('sipUnlink', 'there is no softphone call');
    if (call.answered) call.session.terminate();
    else call.session.terminate({ status_code: 603, reason_phrase: 'Decline' });
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.call?.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  async setInputDevice(deviceId: string | undefined): Promise<void> {
    this.inputDeviceId = deviceId;
    const call = this.call;
    const sender = call?.answered
      ? call.session.connection?.getSenders().find((candidate) => candidate.track?.kind === 'audio')
      : undefined;
    if (!call || !sender) return;
    const microphone = await openMicrophone(deviceId);
    const [track] = microphone.getAudioTracks();
    if (track) track.enabled = !this.muted;
    await sender.replaceTrack(track ?? null);
    if (call.microphone) stopTracks(call.microphone);
    call.microphone = microphone;
  }

  async setOutputDevice(deviceId: string | undefined): Promise<void> {
    this.remoteAudio.setOutputDevice(deviceId);
    this.ringtone.setOutputDevice(deviceId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.call && !this.call.session.isEnded()) {
      try {
        this.call.session.terminate();
      } catch {
        // Already ending.
      }
    }
    this.ua.stop();
  }

  private onDisconnected(event: { code?: number; reason?: string }): void {
    if (this.stopped) return;
    if (this.connected) {
      this.connected = false;
      this.options.emit('sipDisconnected', {
        ...(event.reason ? { reason: event.reason } : {}),
        ...(typeof event.code === 'number' ? { code: event.code } : {}),
      });
    }
    this.options.onRegistration('registering', 'the signalling connection to the gateway was lost; reconnecting');
  }

  private onIncoming({ session, request }: IncomingRTCSessionEvent): void {
    if (this.call || this.stopped) {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const call: Call = {
      session,
      callId: request.getHeader('X-Call-Id') ?? '',
      sipCallId: request.getHeader('Call-ID') ?? '',
      remoteNumber: session.remote_identity?.uri?.user ?? '',
      answered: false,
    };
    this.call = call;
    this.ringtone.start();
    session.on('peerconnection', ({ peerconnection }: { peerconnection: RTCPeerConnection }) => {
      peerconnection.addEventListener('track', (event) => this.remoteAudio.play(event.streams[0] ?? new MediaStream([event.track])));
    });
    let gatheringCapped = false;
    session.on('icecandidate', ({ ready }: { ready: () => void }) => {
      if (gatheringCapped) return;
      gatheringCapped = true;
      setTimeout(ready, ICE_GATHERING_GRACE_MS);
    });
    session.on('confirmed', () => this.onConfirmed(call));
    session.on('ended', (event: EndEvent) => this.onEnded(call, event));
    session.on('failed', (event: EndEvent) => this.onEnded(call, event));
    for (const wake of [...this.ringWaiters]) wake();
  }

  private onConfirmed(call: Call): void {
    this.options.emit('sipSessionInit', {
      callId: call.callId,
      sipCallId: call.sipCallId,
      remoteNumber: call.remoteNumber,
      direction: 'incoming',
    });
    const connection = call.session.connection;
    if (!this.options.webrtcStats || !connection) return;
    const quality = new CallQuality();
    void quality.sample(connection).catch(() => undefined);
    call.statsTimer = setInterval(() => {
      quality.sample(connection).then(
        (sample) => {
          if (this.call === call) this.options.emit('webrtcStats', { callId: call.callId, sipCallId: call.sipCallId, ...sample });
        },
        () => undefined,
      );
    }, STATS_INTERVAL_MS);
  }

  private onEnded(call: Call, event: EndEvent): void {
    if (this.call !== call) return;
    this.call = undefined;
    clearInterval(call.statsTimer);
    this.ringtone.stop();
    this.remoteAudio.stop();
    if (call.microphone) stopTracks(call.microphone);
    this.options.emit('sipSessionTerminate', {
      callId: call.callId,
      sipCallId: call.sipCallId,
      cause: event.cause ?? 'Terminated',
      originator: event.originator,
      answered: call.answered,
    });
  }
}

function notAvailable(operation: 'sipLink' | 'sipUnlink', reason: string): AgentSdkError {
  return new AgentSdkError(ErrorCodes.SIP_NOT_AVAILABLE, `${operation}: ${reason}`, { operation });
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
