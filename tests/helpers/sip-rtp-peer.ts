/**
 * A raw RTP peer for tests that play the far end of a SIP leg themselves: it speaks a PCMU sine tone to the address
 * the gateway's SDP gives (20 ms packets), can fall silent (as a held phone does), and keeps what it receives with
 * arrival times, so a test measures the tone it heard in any window.
 */
import { createSocket, type Socket } from 'node:dgram';
import { parse } from 'sdp-transform';
import { PCMU } from '../../packages/gateway/src/adapters/media/g711.js';

const SAMPLE_RATE = 8_000;
const FRAME_SAMPLES = 160;

interface Received {
  at: number;
  samples: Int16Array;
}

export class RtpTonePeer {
  readonly received: Received[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sequence = 1;
  private timestamp = 0;
  private phase = 0;
  private target: { address: string; port: number } | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly toneHz: number,
  ) {
    socket.on('message', (datagram) => {
      if (datagram.length <= 12 || (datagram[1]! & 0x7f) !== PCMU.payloadType) return;
      this.received.push({ at: Date.now(), samples: PCMU.decode(datagram.subarray(12)) });
    });
  }

  static async open(toneHz: number): Promise<RtpTonePeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new RtpTonePeer(socket, toneHz);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** An SDP (offer or answer) for PCMU and telephone-events on this peer's port, in `direction`. */
  sdp(direction = 'sendrecv'): string {
    return [
      'v=0',
      `o=peer ${this.port} 1 IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.port} RTP/AVP 0 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  /** Starts speaking to where the gateway's SDP says it listens. */
  speakTo(gatewaySdp: string): void {
    const session = parse(gatewaySdp);
    const audio = session.media[0]!;
    this.target = { address: audio.connection?.ip ?? session.connection!.ip, port: audio.port };
    this.timer ??= setInterval(() => this.sendFrame(), 20);
  }

  /** Stops speaking (a held phone that answered recvonly). */
  fallSilent(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  resume(): void {
    if (this.target) this.timer ??= setInterval(() => this.sendFrame(), 20);
  }

  /** The 20 ms frames received between two moments (epoch ms). */
  heardBetween(from: number, to: number): Int16Array[] {
    return this.received.filter((frame) => frame.at >= from && frame.at < to).map((frame) => frame.samples);
  }

  close(): void {
    this.fallSilent();
    this.socket.close();
  }

  private sendFrame(): void {
    if (!this.target) return;
    const samples = new Int16Array(FRAME_SAMPLES);
    for (let index = 0; index < FRAME_SAMPLES; index++) {
      samples[index] = Math.round(12_000 * Math.sin(this.phase));
      this.phase += (2 * Math.PI * this.toneHz) / SAMPLE_RATE;
    }
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = PCMU.payloadType;
    header.writeUInt16BE(this.sequence++ & 0xffff, 2);
    header.writeUInt32BE(this.timestamp >>> 0, 4);
    header.writeUInt32BE(0x1234_5678, 8);
    this.timestamp += FRAME_SAMPLES;
    this.socket.send(Buffer.concat([header, PCMU.encode(samples)]), this.target.port, this.target.address);
  }
}

/**
 * The tone in the frames, from the rate of zero crossings within each frame (Hz, averaged over the frames that are
 * not silent); 0 when no frame is loud.
 */
export function toneFrequency(frames: Int16Array[]): number {
  const rates: number[] = [];
  for (const frame of frames) {
    let crossings = 0;
    let loud = 0;
    for (let index = 1; index < frame.length; index++) {
      if (frame[index - 1]! < 0 !== frame[index]! < 0) crossings++;
      if (Math.abs(frame[index]!) > 1_000) loud++;
    }
    if (loud > frame.length / 4) rates.push((crossings / 2) * (SAMPLE_RATE / frame.length));
  }
  return rates.length === 0 ? 0 : rates.reduce((total, rate) => total + rate, 0) / rates.length;
}
