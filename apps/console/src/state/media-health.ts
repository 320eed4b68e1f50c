/** Whether the softphone call's audio is arriving, from its media view: what the card and the top bar show. Pure. */
import type { MediaView } from './desk-model.js';

/** A call with no audio this long gets a warning. */
export const SILENCE_WARNING_MS = 5_000;

export type MediaHealth =
  /** Answered, media not measured or not arrived yet (under 5 s). */
  | { state: 'starting' }
  | { state: 'flowing' }
  | { state: 'held' }
  /** No audio for 5 s or more, or the media connection failed. */
  | { state: 'silent'; silentMs: number; connectionFailed: boolean };

export function mediaHealth(media: MediaView, held: boolean, now: number): MediaHealth {
  if (held) return { state: 'held' };
  const connectionState = media.sample?.connectionState;
  const heardSince = media.lastAudioAt !== undefined && media.lastAudioAt >= media.since ? media.lastAudioAt : undefined;
  const silentMs = now - (heardSince ?? media.since);
  const connectionFailed = connectionState === 'failed';
  if (connectionFailed || silentMs >= SILENCE_WARNING_MS) return { state: 'silent', silentMs, connectionFailed };
  return heardSince === undefined ? { state: 'starting' } : { state: 'flowing' };
}
