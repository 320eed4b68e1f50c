/**
 * The gateway's end of one softphone call's audio: a werift peer connection offering PCMU, which sends the frames it
 * is given and reports every RTP payload the softphone sends. ICE runs on the configured host address only (loopback
 * for the embedded gateway), so media never leaves the address the gateway serves on.
 */
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import type { LegMediaStats } from '@agentsdk/protocol';
import type { MediaEndpoint } from '../media/conversation-mixer.js';
import { RtpStreamStats } from '../media/rtp-stream-stats.js';
import { PCMU } from '../media/g711.js';
import { PCMU_PAYLOAD_TYPE, SAMPLES_PER_FRAME, SAMPLE_RATE } from '../media/pcmu-audio.js';

export interface MediaOptions {
  /** Address ICE gathers on and answers from; undefined: every interface. */
  hostAddress?: string;
}

const GATHERING_TIMEOUT_MS = 3_000;

export class SoftphoneMedia implements MediaEndpoint {
  private readonly pc: RTCPeerConnection;
  private readonly track = new MediaStreamTrack({ kind: 'audio' });
  private readonly hostAddress: string | undefined;
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private started = false;
  private closed = false;
  private readonly counters = new RtpStreamStats();

  constructor(
    options: MediaOptions,
    private readonly onAudio: (samples: Int16Array) => void,
  ) {
    const host = options.hostAddress;
    this.hostAddress = host;
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: SAMPLE_RATE, channels: 1, payloadType: PCMU_PAYLOAD_TYPE })],
      },
      ...(host === undefined
        ? {}
        : {
            iceInterfaceAddresses: { udp4: host },
            iceAdditionalHostAddresses: [host],
            iceUseIpv6: false,
            iceFilterStunResponse: (_message, address) => address[0] === host || isLoopback(host, address[0]),
            iceFilterCandidatePair: (pair) => pair.remoteCandidate.host === host || isLoopback(host, pair.remoteCandidate.host),
          }),
    });
    this.pc.addTransceiver(this.track, { direction: 'sendrecv' });
    this.pc.onTrack.subscribe((remote) => {
      remote.onReceiveRtp.subscribe((rtp) => {
        if (this.closed) return;
        const audio = rtp.header.payloadType === PCMU_PAYLOAD_TYPE;
        this.counters.received(rtp.header.ssrc, rtp.header.sequenceNumber, rtp.header.timestamp, audio);
        if (audio) this.onAudio(PCMU.decode(rtp.payload));
      });
    });
  }

  /** The SDP offer, with every candidate gathered (the UA's SIP stack does not trickle). */
  async createOffer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await this.gatheringComplete();
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description');
    return this.hostAddress === undefined ? sdp : candidatesOnlyOn(sdp, this.hostAddress);
  }

  async acceptAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** Sends one 20 ms frame as PCMU. */
  sendFrame(samples: Int16Array): void {
    if (this.closed) return;
    const header = new RtpHeader({
      payloadType: PCMU_PAYLOAD_TYPE,
      sequenceNumber: this.sequenceNumber,
      timestamp: this.timestamp,
      marker: !this.started,
    });
    this.started = true;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + SAMPLES_PER_FRAME) >>> 0;
    this.track.writeRtp(new RtpPacket(header, PCMU.encode(samples)));
    this.counters.sent();
  }

  /** Packets from the softphone that never arrived. */
  get packetsLost(): number {
    return this.counters.packetsLost;
  }

  /** The leg's RTP counters so far (for the call record). */
  stats(): LegMediaStats {
    return this.counters.stats();
  }

  /** After a pause in sending, the next frame starts a new talkspurt. */
  markSilence(): void {
    this.started = false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.track.stop();
    await this.pc.close().catch(() => undefined);
  }

  private gatheringComplete(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, GATHERING_TIMEOUT_MS);
      const subscription = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') done();
      });
      function done() {
        clearTimeout(timer);
        subscription.unSubscribe();
        resolve();
      }
    });
  }
}

/** With a loopback host address, any loopback peer (127.0.0.0/8) is reachable. */
function isLoopback(host: string, address: string): boolean {
  return host.startsWith('127.') && address.startsWith('127.');
}

/**
 * werift gathers on every interface even when it binds to one address; the offer advertises only the media address,
 * so the softphone never sends media anywhere else.
 */
function candidatesOnlyOn(sdp: string, address: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || line.split(' ')[4] === address)
    .join('\r\n');
}
