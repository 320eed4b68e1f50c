/**
 * The gateway's end of one SIP leg's audio: RTP over UDP (RFC 3550) with a G.711 codec, symmetric RTP (the far end's
 * address is latched from the first packet it sends, so phones behind NAT are heard and answered at their real
 * address), RFC 4733 telephone-events both ways, and a media timeout. RTCP is not sent. Packets go through werift's
 * RTP packet classes.
 */
import type { Socket } from 'node:dgram';
import { RtpHeader, RtpPacket } from 'werift';
import type { LegMediaStats } from '@agentsdk/protocol';
import { RtpStreamStats } from '../media/rtp-stream-stats.js';
import type { MediaEndpoint } from '../media/conversation-mixer.js';
import { SAMPLES_PER_FRAME } from '../media/pcmu-audio.js';
import type { NegotiatedMedia } from './sdp-negotiation.js';
import type { SipAddress } from './sip-udp-transport.js';

const DTMF_EVENTS = '0123456789*#ABCD';
const END_PACKETS = 3;
const FRAME_MS = 20;

export interface RtpSessionEvents {
  /** 20 ms of what the far end said, as linear samples. */
  onAudio(samples: Int16Array): void;
  /** A key the far end pressed (an RFC 4733 event that ended). */
  onDigit(digit: string): void;
  /** No RTP for `mediaTimeoutMs` while `watch`ed (and the far end is meant to send). */
  onMediaTimeout(): void;
}

export class RtpSession implements MediaEndpoint {
  private readonly counters = new RtpStreamStats();
  private media: NegotiatedMedia | undefined;
  private remote: SipAddress | undefined;
  private latched = false;
  private readonly ssrc = Math.floor(Math.random() * 0xffffffff) >>> 0;
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff) >>> 0;
  private talkspurtStarts = true;
  private lastFrameAt: number | undefined;
  private sendingDigits = false;
  private readonly digitQueue: string[] = [];
  private lastEventTimestamp: number | undefined;
  private lastReceivedAt = Date.now();
  private watchdog: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly events: RtpSessionEvents,
    private readonly mediaTimeoutMs: number,
  ) {
    socket.on('message', (datagram, info) => this.receive(datagram, { address: info.address, port: info.port }));
  }

  get localPort(): number {
    return this.socket.address().port;
  }

  /** Sequence numbers skipped in what the far end sent. */
  get packetsLost(): number {
    return this.counters.packetsLost;
  }

  /** The leg's RTP counters so far. */
  stats(): LegMediaStats {
    return this.counters.stats();
  }

  /** What was negotiated: the codec to send, and where to (until the far end's own packets say otherwise). */
  use(media: NegotiatedMedia): void {
    const moved =
      this.media !== undefined && (this.media.remote.address !== media.remote.address || this.media.remote.port !== media.remote.port);
    // A new address in the far end's SDP (a re-INVITE) is sent to until its packets say where it really is.
    if (moved) this.latched = false;
    this.media = media;
    if (!this.latched) this.remote = media.remote;
  }

  /** Starts the media timeout: the leg is answered and RTP must flow. */
  watch(): void {
    this.lastReceivedAt = Date.now();
    this.watchdog ??= setInterval(
      () => {
        if (this.media?.remoteSends === false) this.lastReceivedAt = Date.now();
        if (Date.now() - this.lastReceivedAt >= this.mediaTimeoutMs) {
          clearInterval(this.watchdog);
          this.events.onMediaTimeout();
        }
      },
      Math.min(1_000, this.mediaTimeoutMs),
    );
  }

  sendFrame(samples: Int16Array): void {
    if (!this.media || this.sendingDigits) return;
    // After a pause the timestamp moves on by the time that passed, as if the silence had been sent (RFC 3550 §5.1).
    if (this.talkspurtStarts && this.lastFrameAt !== undefined) {
      const skipped = Math.round((Date.now() - this.lastFrameAt) / FRAME_MS) - 1;
      if (skipped > 0) this.timestamp = (this.timestamp + skipped * SAMPLES_PER_FRAME) >>> 0;
    }
    this.lastFrameAt = Date.now();
    this.sendPacket(this.media.codec.payloadType, this.media.codec.encode(samples), this.talkspurtStarts);
    this.talkspurtStarts = false;
    this.timestamp = (this.timestamp + SAMPLES_PER_FRAME) >>> 0;
  }

  markSilence(): void {
    this.talkspurtStarts = true;
  }

  /** Sends digits as RFC 4733 events, one after the other; audio pauses meanwhile. */
  sendDigits(digits: string, durationMs: number, gapMs: number): void {
    this.digitQueue.push(...[...digits].filter((digit) => DTMF_EVENTS.includes(digit.toUpperCase())));
    if (!this.sendingDigits) void this.playDigits(durationMs, gapMs);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watchdog);
    this.socket.close();
  }

  private async playDigits(durationMs: number, gapMs: number): Promise<void> {
    const telephoneEvent = this.media?.telephoneEvent;
    if (telephoneEvent === undefined) {
      this.digitQueue.length = 0;
      return;
    }
    this.sendingDigits = true;
    for (let digit = this.digitQueue.shift(); digit !== undefined && !this.closed; digit = this.digitQueue.shift()) {
      const event = DTMF_EVENTS.indexOf(digit.toUpperCase());
      const frames = Math.max(2, Math.round(durationMs / FRAME_MS));
      for (let frame = 1; frame <= frames + END_PACKETS - 1 && !this.closed; frame++) {
        const end = frame >= frames;
        const duration = Math.min(frame, frames) * SAMPLES_PER_FRAME;
        this.sendPacket(telephoneEvent, eventPayload(event, end, duration), frame === 1);
        if (!end) await delay(FRAME_MS);
      }
      this.timestamp = (this.timestamp + frames * SAMPLES_PER_FRAME) >>> 0;
      await delay(gapMs);
    }
    this.sendingDigits = false;
    this.talkspurtStarts = true;
  }

  private sendPacket(payloadType: number, payload: Buffer, marker: boolean): void {
    if (!this.remote || this.closed || this.media?.remoteReceives === false) return;
    const header = new RtpHeader({ payloadType, sequenceNumber: this.sequenceNumber, timestamp: this.timestamp, ssrc: this.ssrc, marker });
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.counters.sent();
    this.socket.send(new RtpPacket(header, payload).serialize(), this.remote.port, this.remote.address);
  }

  private receive(datagram: Buffer, source: SipAddress): void {
    if (this.closed || datagram.length < 12 || datagram[0]! >> 6 !== 2) return;
    let packet: RtpPacket;
    try {
      packet = RtpPacket.deSerialize(datagram);
    } catch {
      return;
    }
    const payloadType = packet.header.payloadType;
    if (payloadType >= 72 && payloadType <= 76) return; // RTCP on the RTP port (RFC 5761)
    if (!this.latched) {
      this.latched = true;
      this.remote = source;
    }
    this.lastReceivedAt = Date.now();
    const { ssrc, sequenceNumber, timestamp } = packet.header;
    const audio = this.media !== undefined && payloadType === this.media.codec.payloadType && packet.payload.length > 0;
    this.counters.received(ssrc, sequenceNumber, timestamp, audio);
    if (!this.media) return;
    if (payloadType === this.media.telephoneEvent) return this.receiveEvent(packet);
    if (audio) this.events.onAudio(this.media.codec.decode(packet.payload));
  }

  /** One key press is several packets with one timestamp; it counts when its first end packet arrives. */
  private receiveEvent(packet: RtpPacket): void {
    const payload = packet.payload;
    if (payload.length < 4 || (payload[1]! & 0x80) === 0) return;
    if (this.lastEventTimestamp === packet.header.timestamp) return;
    this.lastEventTimestamp = packet.header.timestamp;
    const digit = DTMF_EVENTS[payload[0]!];
    if (digit) this.events.onDigit(digit);
  }
}

function eventPayload(event: number, end: boolean, duration: number): Buffer {
  const payload = Buffer.alloc(4);
  payload[0] = event;
  payload[1] = (end ? 0x80 : 0) | 10;
  payload.writeUInt16BE(Math.min(duration, 0xffff), 2);
  return payload;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
