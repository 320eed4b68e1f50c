/**
 * Records calls with real media as two-channel WAV files, `<directory>/<tenantId>/<callId>.wav`: the customer's side on
 * the left channel, the agents' side (agents, supervisors who barge or whisper) on the right. What a party says is
 * recorded while someone in the call hears it, so a held or muted party is silent in the recording too. A simulated
 * party is recorded as its 440 Hz tone. A recording starts the first time the call has media while it is to be
 * recorded (tenant and queue setting), pauses while it is not, and ends with its last leg.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletedRecording } from '../../domain/call-recording.js';
import type { Party } from '../../ports/telephony.js';
import { SAMPLES_PER_FRAME, ToneGenerator } from './pcmu-audio.js';
import { WavRecorder } from './wav-recorder.js';

/** The legs of calls as the recordings need them. */
export interface RecordedLegs {
  callOf(legId: string): { tenantId: string; callId: string } | undefined;
  /** The call's legs now; empty once the call is over. */
  legsOfCall(callId: string): ReadonlyArray<{ legId: string; party: Party }>;
  heardBy(legId: string): string[];
}

interface Recording {
  tenantId: string;
  recorder: WavRecorder;
  tones: Record<Party, ToneGenerator>;
}

export class CallRecordings {
  private readonly recordings = new Map<string, Recording>();

  constructor(
    private readonly directory: string,
    private readonly legs: RecordedLegs,
    /** Whether the call is recorded now (its tenant's and queue's setting). */
    private readonly records: (tenantId: string, callId: string) => boolean,
    /** A recording is complete (its call's last leg ended, or the recordings closed). */
    private readonly onCompleted?: (recording: CompletedRecording) => void,
  ) {}

  /** Path of a call's recording (which may not exist). */
  pathOf(tenantId: string, callId: string): string {
    return join(this.directory, tenantId, `${callId}.wav`);
  }

  /** One 20 ms mix: `spoken` holds this frame of every leg with media; the other legs are simulated. */
  tick(legsWithMedia: Iterable<string>, spoken: ReadonlyMap<string, Int16Array>): void {
    const withMedia = new Set(legsWithMedia);
    const calls = new Map<string, string>();
    for (const legId of withMedia) {
      const call = this.legs.callOf(legId);
      if (call) calls.set(call.callId, call.tenantId);
    }
    for (const [callId, tenantId] of calls) {
      const recording = this.recordingOf(tenantId, callId);
      if (recording) this.record(recording, callId, spoken, withMedia);
    }
  }

  /** A leg ended: a call with no leg left is over, and so is its recording. */
  legEnded(): void {
    for (const [callId, recording] of this.recordings) {
      if (this.legs.legsOfCall(callId).length > 0) continue;
      this.complete(callId, recording);
    }
  }

  close(): void {
    for (const [callId, recording] of this.recordings) this.complete(callId, recording);
  }

  private complete(callId: string, recording: Recording): void {
    recording.recorder.close();
    this.recordings.delete(callId);
    const { tenantId, recorder } = recording;
    this.onCompleted?.({ tenantId, callId, bytes: recorder.bytes, durationMs: recorder.durationMs });
  }

  /** The call's recording, started on its first frame; undefined while the call is not to be recorded. */
  private recordingOf(tenantId: string, callId: string): Recording | undefined {
    if (!this.records(tenantId, callId)) return undefined;
    const existing = this.recordings.get(callId);
    if (existing) return existing;
    mkdirSync(join(this.directory, tenantId), { recursive: true });
    const recording = {
      tenantId,
      recorder: new WavRecorder(this.pathOf(tenantId, callId)),
      tones: { customer: new ToneGenerator(), agent: new ToneGenerator() },
    };
    this.recordings.set(callId, recording);
    return recording;
  }

  private record(recording: Recording, callId: string, spoken: ReadonlyMap<string, Int16Array>, withMedia: ReadonlySet<string>): void {
    const channels: Record<Party, Int32Array> = { customer: new Int32Array(SAMPLES_PER_FRAME), agent: new Int32Array(SAMPLES_PER_FRAME) };
    const simulatedSpeakers: Record<Party, number> = { customer: 0, agent: 0 };
    for (const leg of this.legs.legsOfCall(callId)) {
      if (this.legs.heardBy(leg.legId).length === 0) continue;
      if (!withMedia.has(leg.legId)) {
        simulatedSpeakers[leg.party] += 1;
        continue;
      }
      const frame = spoken.get(leg.legId);
      if (frame) for (let i = 0; i < SAMPLES_PER_FRAME; i++) channels[leg.party][i]! += frame[i] ?? 0;
    }
    for (const party of ['customer', 'agent'] as const) {
      if (simulatedSpeakers[party] === 0) continue;
      const tone = recording.tones[party].nextSamples();
      for (let i = 0; i < SAMPLES_PER_FRAME; i++) channels[party][i]! += tone[i]! * simulatedSpeakers[party];
    }
    recording.recorder.write(clip(channels.customer), clip(channels.agent));
  }
}

function clip(samples: Int32Array): Int16Array {
  return Int16Array.from(samples, (sample) => Math.max(-32_768, Math.min(32_767, sample)));
}
