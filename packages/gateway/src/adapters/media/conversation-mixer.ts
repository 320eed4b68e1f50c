/**
 * Real audio between legs, following the switchboard's audio paths (who hears whom: conversations, hold, mute,
 * monitoring), so hold, mute, whisper and barge act on real media. Every 20 ms each leg with media (a softphone, a SIP
 * phone or trunk) gets the sum of what it hears: the latest frame of every real speaker, and a 440 Hz tone for every
 * simulated party. A leg that hears nobody gets nothing at all, so no media flows to a held party.
 */
import type { LegMedia } from '../simulator/call-listing.js';
import { FRAME_MS, linearLevel, SAMPLES_PER_FRAME, ToneGenerator } from './pcmu-audio.js';

export interface AudioPaths {
  /** Legs whose party the leg's party hears. */
  hearsOf(legId: string): string[];
  /** Legs that hear the leg's party. */
  heardBy(legId: string): string[];
}

/** A leg's media: where the mixer sends what the leg's party hears. */
export interface MediaEndpoint {
  /** One 20 ms frame of 16-bit linear samples at 8 kHz. */
  sendFrame(samples: Int16Array): void;
  /** After a pause in sending, the next frame starts a new talkspurt. */
  markSilence(): void;
  /** Packets from the far end that never arrived, when the endpoint counts them. */
  readonly packetsLost?: number;
}

/** How long the level of a loud frame is remembered: the listing shows the peak of the last moments. */
const LEVEL_WINDOW_MS = 2_000;
/** Frames kept per speaker between ticks; beyond this the oldest are dropped (the sender runs fast). */
const MAX_QUEUED_FRAMES = 4;
/** A mixer that fell this many frames behind (a blocked event loop) skips ahead instead of catching up. */
const MAX_CATCH_UP_FRAMES = 10;

interface Counters {
  packetsSent: number;
  packetsReceived: number;
  level: number;
  levelAt: number;
}

interface Attached {
  endpoint: MediaEndpoint;
  tone: ToneGenerator;
  sending: boolean;
  queued: Int16Array[];
}

export class ConversationMixer {
  private readonly legs = new Map<string, Attached>();
  private readonly counters = new Map<string, Counters>();
  private ticker: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private ticks = 0;

  /** Called with every mix's frames, to record calls. */
  private onMix: ((withMedia: Iterable<string>, spoken: ReadonlyMap<string, Int16Array>) => void) | undefined;

  constructor(private readonly paths: AudioPaths) {}

  /** Every 20 ms mix's frames go to `onMix` too (the call recordings). */
  recordWith(onMix: (withMedia: Iterable<string>, spoken: ReadonlyMap<string, Int16Array>) => void): void {
    this.onMix = onMix;
  }

  /** A leg's media is up: it starts hearing and being heard. */
  attach(legId: string, endpoint: MediaEndpoint): void {
    this.legs.set(legId, { endpoint, tone: new ToneGenerator(), sending: false, queued: [] });
    if (!this.ticker) {
      this.startedAt = Date.now();
      this.ticks = 0;
      this.ticker = setInterval(() => this.catchUp(), FRAME_MS / 2);
    }
  }

  detach(legId: string): void {
    this.legs.delete(legId);
    if (this.legs.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /** One 20 ms frame the leg's party said. */
  received(legId: string, samples: Int16Array): void {
    this.count(legId, 'packetsSent');
    const attached = this.legs.get(legId);
    if (attached) {
      attached.queued.push(samples);
      if (attached.queued.length > MAX_QUEUED_FRAMES) attached.queued.shift();
    }
    const level = linearLevel(samples);
    for (const listenerId of this.paths.heardBy(legId)) if (!this.legs.has(listenerId)) this.count(listenerId, 'packetsReceived', level);
  }

  mediaOf(legId: string): LegMedia | undefined {
    const counters = this.counters.get(legId);
    if (!counters) return undefined;
    const level = Date.now() - counters.levelAt <= LEVEL_WINDOW_MS ? counters.level : 0;
    const packetsLost = this.legs.get(legId)?.endpoint.packetsLost;
    return {
      packetsSent: counters.packetsSent,
      packetsReceived: counters.packetsReceived,
      audioLevel: Math.round(level * 1000) / 1000,
      ...(packetsLost !== undefined && { packetsLost }),
    };
  }

  /** Forgets a leg's counters once its call is gone. */
  forget(legId: string): void {
    this.counters.delete(legId);
  }

  close(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.legs.clear();
    this.counters.clear();
  }

  /** Runs one mix per 20 ms of wall time since the mixer started, so timer drift does not slow the audio down. */
  private catchUp(): void {
    const due = Math.floor((Date.now() - this.startedAt) / FRAME_MS);
    if (due - this.ticks > MAX_CATCH_UP_FRAMES) this.ticks = due - 1;
    while (this.ticks < due) {
      this.ticks += 1;
      this.mix();
    }
  }

  private mix(): void {
    const spoken = new Map<string, Int16Array>();
    for (const [legId, attached] of this.legs) {
      const frame = attached.queued.shift();
      if (frame) spoken.set(legId, frame);
    }
    this.onMix?.(this.legs.keys(), spoken);
    for (const [legId, attached] of this.legs) {
      const speakers = this.paths.hearsOf(legId);
      if (speakers.length === 0) {
        if (attached.sending) attached.endpoint.markSilence();
        attached.sending = false;
        continue;
      }
      const mixed = new Int32Array(SAMPLES_PER_FRAME);
      let simulated = 0;
      for (const speakerId of speakers) {
        if (!this.legs.has(speakerId)) {
          simulated += 1;
          this.count(speakerId, 'packetsSent');
          continue;
        }
        const frame = spoken.get(speakerId);
        if (frame) for (let i = 0; i < SAMPLES_PER_FRAME; i++) mixed[i]! += frame[i] ?? 0;
      }
      if (simulated > 0) {
        const tone = attached.tone.nextSamples();
        for (let i = 0; i < SAMPLES_PER_FRAME; i++) mixed[i]! += tone[i]! * simulated;
      }
      const frame = Int16Array.from(mixed, (sample) => Math.max(-32_768, Math.min(32_767, sample)));
      attached.endpoint.sendFrame(frame);
      attached.sending = true;
      this.count(legId, 'packetsReceived', linearLevel(frame));
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
