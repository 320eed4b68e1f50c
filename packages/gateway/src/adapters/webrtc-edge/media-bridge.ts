/**
 * Moves audio between softphone legs (real RTP through werift) and simulated legs, following the simulator's audio
 * paths (who hears whom: conversations, hold, mute, monitoring), so hold and mute act on real media. A simulated
 * party speaks a 440 Hz tone; what a softphone sends is counted (and its level measured) on every leg that hears it.
 * Every 20 ms, a softphone that hears at least one simulated party gets a tone frame; one that hears nobody gets
 * nothing at all, so no media flows from a held party.
 */
import type { LegMedia } from '../simulator/call-listing.js';
import { FRAME_MS, pcmuLevel, ToneGenerator } from './pcmu-audio.js';
import type { SoftphoneMedia } from './softphone-media.js';

export interface AudioPaths {
  /** Legs whose party the leg's party hears. */
  hearsOf(legId: string): string[];
  /** Legs that hear the leg's party. */
  heardBy(legId: string): string[];
}

/** How long the level of a loud frame is remembered: the listing shows the peak of the last moments. */
const LEVEL_WINDOW_MS = 2_000;

interface Counters {
  packetsSent: number;
  packetsReceived: number;
  level: number;
  levelAt: number;
}

interface Endpoint {
  media: SoftphoneMedia;
  tone: ToneGenerator;
  hearingTone: boolean;
}

export class MediaBridge {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly counters = new Map<string, Counters>();
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly paths: AudioPaths) {}

  /** A softphone leg's media is up: it starts hearing and being heard. */
  attach(legId: string, media: SoftphoneMedia): void {
    this.endpoints.set(legId, { media, tone: new ToneGenerator(), hearingTone: false });
    this.ticker ??= setInterval(() => this.tick(), FRAME_MS);
  }

  detach(legId: string): void {
    this.endpoints.delete(legId);
    if (this.endpoints.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /** One RTP payload from a softphone leg. */
  received(legId: string, payload: Buffer): void {
    this.count(legId, 'packetsSent');
    const level = pcmuLevel(payload);
    for (const listenerId of this.paths.heardBy(legId)) {
      this.count(listenerId, 'packetsReceived', level);
      this.endpoints.get(listenerId)?.media.sendFrame(payload);
    }
  }

  mediaOf(legId: string): LegMedia | undefined {
    const counters = this.counters.get(legId);
    if (!counters) return undefined;
    const level = Date.now() - counters.levelAt <= LEVEL_WINDOW_MS ? counters.level : 0;
    return { packetsSent: counters.packetsSent, packetsReceived: counters.packetsReceived, audioLevel: Math.round(level * 1000) / 1000 };
  }

  /** Forgets a leg's counters once its call is gone. */
  forget(legId: string): void {
    this.counters.delete(legId);
  }

  close(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.endpoints.clear();
    this.counters.clear();
  }

  private tick(): void {
    for (const [legId, endpoint] of this.endpoints) {
      const simulatedSpeakers = this.paths.hearsOf(legId).filter((speakerId) => !this.endpoints.has(speakerId));
      if (simulatedSpeakers.length === 0) {
        if (endpoint.hearingTone) endpoint.media.markSilence();
        endpoint.hearingTone = false;
        continue;
      }
      const frame = endpoint.tone.next();
      endpoint.media.sendFrame(frame);
      endpoint.hearingTone = true;
      this.count(legId, 'packetsReceived', pcmuLevel(frame));
      for (const speakerId of simulatedSpeakers) this.count(speakerId, 'packetsSent');
    }
  }

  private count(legId: string, field: 'packetsSent' | 'packetsReceived', level?: number): void {
    let counters = this.counters.get(legId);
    if (!counters) this.counters.set(legId, (counters = { packetsSent: 0, packetsReceived: 0, level: 0, levelAt: 0 }));
    counters[field] += 1;
    if (level === undefined) return;
    const now = Date.now();
    if (level >= counters.level || now - counters.levelAt > LEVEL_WINDOW_MS) {
      counters.level = level;
      counters.levelAt = now;
    }
  }
}
