/**
 * The softphone call's media as the SDK reports it: `sipSessionInit` starts it, `webrtcStats` samples it every 2 s,
 * `sipSessionTerminate` ends it. Audio counts as flowing while samples show received bitrate; hold pauses the count.
 * Pure.
 */
import type { DeskState, MediaView, SdkEventAction } from './desk-model.js';

/** Received audio below this bitrate (kbit/s) is silence: comfort noise and RTCP only. */
const AUDIO_BITRATE_KBPS = 5;

export function mediaTransition(state: DeskState, action: SdkEventAction): DeskState {
  const { at } = action;
  switch (action.name) {
    case 'sipSessionInit':
      return action.payload.callId ? { ...state, media: { callId: action.payload.callId, since: at } } : state;
    case 'sipSessionTerminate':
      return state.media ? { ...state, media: undefined } : state;
    case 'webrtcStats': {
      const sample = action.payload;
      if (!state.media || sample.callId !== state.media.callId) return state;
      const media: MediaView = { ...state.media, sample };
      if (sample.bitrateIn >= AUDIO_BITRATE_KBPS) media.lastAudioAt = at;
      return { ...state, media };
    }
    case 'callUnheld':
      return state.media && action.payload.callId === state.media.callId ? { ...state, media: { ...state.media, since: at } } : state;
    default:
      return state;
  }
}
