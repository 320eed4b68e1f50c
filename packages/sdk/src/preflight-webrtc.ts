/**
 * The WebRTC checks of `preflight({ softphone: true })`: ICE gathers candidates (against the STUN / TURN servers
 * given), and a short loopback call between two peer connections of the page carries the microphone's audio (a
 * generated tone when the microphone cannot be had), measured from the receiving side's RTP statistics.
 */
import type { PreflightCheck } from './preflight-check.js';

export type IceCandidateCounts = { host: number; srflx: number; relay: number };
export type IceCheck = PreflightCheck & { candidates?: IceCandidateCounts };
export type MediaLoopbackCheck = PreflightCheck & { packetsReceived?: number; source?: 'microphone' | 'tone' };

/** Packets of audio (20 ms each) the receiving side must count: half a second. */
const LOOPBACK_PACKETS = 25;
const STATS_INTERVAL_MS = 100;

const NO_WEBRTC = 'no RTCPeerConnection: this browser cannot run the softphone';

export async function checkIce(iceServers: RTCIceServer[], timeoutMs: number): Promise<IceCheck> {
  if (typeof RTCPeerConnection !== 'function') return { status: 'fail', detail: NO_WEBRTC };
  const started = Date.now();
  const candidates: IceCandidateCounts = { host: 0, srflx: 0, relay: 0 };
  const pc = new RTCPeerConnection({ iceServers });
  try {
    pc.onicecandidate = ({ candidate }) => {
      const type = candidate?.type;
      if (type === 'host' || type === 'srflx' || type === 'relay') candidates[type] += 1;
    };
    pc.createDataChannel('preflight');
    await pc.setLocalDescription(await pc.createOffer());
    const complete = await gatheringComplete(pc, timeoutMs);
    const ms = Date.now() - started;
    const counted = `${candidates.host} host, ${candidates.srflx} server-reflexive, ${candidates.relay} relay candidate(s) in ${ms} ms`;
    if (candidates.host + candidates.srflx + candidates.relay === 0) return { status: 'fail', detail: `no ICE candidate gathered within ${timeoutMs} ms`, ms, candidates };
    if (iceServers.length > 0 && candidates.srflx + candidates.relay === 0) {
      return { status: 'warn', detail: `${counted}: no STUN or TURN server answered, so calls may only work on this network`, ms, candidates };
    }
    return { status: complete ? 'pass' : 'warn', detail: complete ? counted : `${counted}; gathering had not finished`, ms, candidates };
  } catch (error) {
    return { status: 'fail', detail: `ICE gathering failed: ${messageOf(error)}`, ms: Date.now() - started, candidates };
  } finally {
    pc.close();
  }
}

export async function checkMediaLoopback(timeoutMs: number): Promise<MediaLoopbackCheck> {
  if (typeof RTCPeerConnection !== 'function') return { status: 'fail', detail: NO_WEBRTC };
  const started = Date.now();
  const audio = await audioSource();
  if (audio === undefined) return { status: 'fail', detail: 'no audio to send: no microphone and no Web Audio to make a tone' };
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  try {
    sender.onicecandidate = ({ candidate }) => candidate && void receiver.addIceCandidate(candidate).catch(() => undefined);
    receiver.onicecandidate = ({ candidate }) => candidate && void sender.addIceCandidate(candidate).catch(() => undefined);
    for (const track of audio.stream.getAudioTracks()) sender.addTrack(track, audio.stream);
    await sender.setLocalDescription(await sender.createOffer());
    await receiver.setRemoteDescription(sender.localDescription!);
    await receiver.setLocalDescription(await receiver.createAnswer());
    await sender.setRemoteDescription(receiver.localDescription!);
    const packetsReceived = await packetsWithin(receiver, started + timeoutMs);
    const ms = Date.now() - started;
    const source = audio.source;
    if (packetsReceived === 0) return { status: 'fail', detail: `no audio arrived over a local peer connection within ${timeoutMs} ms`, ms, packetsReceived, source };
    const tone = source === 'tone' ? ' (a generated tone: the microphone could not be used)' : '';
    const status = source === 'tone' || packetsReceived < LOOPBACK_PACKETS ? 'warn' : 'pass';
    return { status, detail: `${packetsReceived} audio packets crossed a local peer connection in ${ms} ms${tone}`, ms, packetsReceived, source };
  } catch (error) {
    return { status: 'fail', detail: `the loopback call failed: ${messageOf(error)}`, ms: Date.now() - started };
  } finally {
    sender.close();
    receiver.close();
    audio.stop();
  }
}

function gatheringComplete(pc: RTCPeerConnection, timeoutMs: number): Promise<boolean> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    pc.onicegatheringstatechange = () => {
      if (pc.iceGatheringState !== 'complete') return;
      clearTimeout(timer);
      resolve(true);
    };
  });
}

/** Audio packets the receiving side counted, once half a second of them arrived or at `deadline`. */
async function packetsWithin(receiver: RTCPeerConnection, deadline: number): Promise<number> {
  let packets = 0;
  while (packets < LOOPBACK_PACKETS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, STATS_INTERVAL_MS));
    const stats = await receiver.getStats();
    stats.forEach((report: { type?: string; kind?: string; packetsReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') packets = report.packetsReceived ?? packets;
    });
  }
  return packets;
}

interface AudioSource {
  stream: MediaStream;
  source: 'microphone' | 'tone';
  stop(): void;
}

async function audioSource(): Promise<AudioSource | undefined> {
  const microphone = await navigator.mediaDevices?.getUserMedia({ audio: true }).catch(() => undefined);
  if (microphone !== undefined) return { stream: microphone, source: 'microphone', stop: () => microphone.getTracks().forEach((track) => track.stop()) };
  if (typeof AudioContext !== 'function') return undefined;
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  return { stream: destination.stream, source: 'tone', stop: () => void context.close() };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
