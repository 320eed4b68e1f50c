/**
 * The counters of one leg's RTP for the call record: packets sent to the far end, packets received from it, gaps in
 * its sequence numbers (loss), and the RFC 3550 §6.4.1 interarrival jitter of its audio.
 */
import type { LegMediaStats } from '@agentsdk/protocol';

const CLOCK_RATE_PER_MS = 8;

export class RtpStreamStats {
  packetsLost = 0;
  private packetsSent = 0;
  private packetsReceived = 0;
  /** Jitter in timestamp units, and the transit time of the last audio packet. */
  private jitter = 0;
  private lastTransit: number | undefined;
  private lastSequence: number | undefined;
  private lastSsrc: number | undefined;

  sent(): void {
    this.packetsSent += 1;
  }

  /** A packet from the far end; `audio`: it carries sound (telephone-events keep one timestamp for a key press). */
  received(ssrc: number, sequence: number, timestamp: number, audio: boolean): void {
    this.packetsReceived += 1;
    if (ssrc !== this.lastSsrc) {
      // A new stream (a phone restarts its RTP after a hold): its numbering starts afresh, no loss, no jitter.
      this.lastSsrc = ssrc;
      this.lastSequence = undefined;
      this.lastTransit = undefined;
    }
    this.countLoss(sequence);
    if (audio) this.measureJitter(timestamp);
  }

  stats(): LegMediaStats {
    const jitterMs = Math.round((this.jitter / CLOCK_RATE_PER_MS) * 100) / 100;
    return { packetsSent: this.packetsSent, packetsReceived: this.packetsReceived, packetsLost: this.packetsLost, jitterMs };
  }

  /** J += (|D| − J) / 16, D the change in transit time between two packets, in timestamp units. */
  private measureJitter(timestamp: number): void {
    const transit = performance.now() * CLOCK_RATE_PER_MS - timestamp;
    if (this.lastTransit !== undefined) {
      let difference = Math.abs(transit - this.lastTransit);
      // A timestamp that wrapped around is no jitter.
      if (difference > 0x7fffffff) difference = 0;
      this.jitter += (difference - this.jitter) / 16;
    }
    this.lastTransit = transit;
  }

  private countLoss(sequence: number): void {
    if (this.lastSequence !== undefined) {
      const gap = (sequence - this.lastSequence - 1) & 0xffff;
      if (gap > 0 && gap < 1_000) this.packetsLost += gap;
    }
    this.lastSequence = sequence;
  }
}
