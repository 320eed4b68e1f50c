/**
 * The softphone call's media as the SDK reports it: `sipSessionInit` starts it, `webrtcStats` samples it every 2 s,
 * `sipSessionTerminate` ends it. Audio counts as flowing while samples show received bitrate; hold pauses the count.
 * Pure.
 */
import type { WebrtcStatsEvent } from '@agentsdk/sdk';
import type { DeskState, SdkEventAction } from './desk-state.js';

export interface MediaView {
  callId: string;
  /** When the softphone call was answered, or last resumed from hold: the silence is counted from here. */
  since: number;
  /** The last sample that showed audio arriving. */
  lastAudioAt?: number;
  sample?: WebrtcStatsEvent;
}

/** Received audio below this bitrate (kbit/s) is silence: comfort noise and RTCP only. */
const AUDIO_BITRATE_KBPS = 5;

export function mediaTransition(state: DeskState, { name, payload, at }: SdkEventAction): DeskState {
  const callId = typeof payload.callId === 'string' ? payload.callId : undefined;
  switch (name) {
    case 'sipSessionInit':
      return callId === undefined ? state : { ...state, media: { callId, since: at } };
    case 'sipSessionTerminate':
      return state.media ? { ...state, media: undefined } : state;
    case 'webrtcStats': {
      if (!state.media || callId !== state.media.callId) return state;
      const sample = payload as unknown as WebrtcStatsEvent;
      const media: MediaView = { ...state.media, sample };
      if (sample.bitrateIn >= AUDIO_BITRATE_KBPS) media.lastAudioAt = at;
      return { ...state, media };
    }
    case 'callUnheld':
      return state.media && callId === state.media.callId ? { ...state, media: { ...state.media, since: at } } : state;
    default:
      return state;
  }
}
