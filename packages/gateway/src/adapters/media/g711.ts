/**
 * The two G.711 codecs every SIP trunk and desk phone speaks (RFC 3551): PCMU (µ-law, payload type 0) and PCMA
 * (A-law, payload type 8), converting 20 ms RTP payloads to and from 16-bit linear samples for the mixer.
 */
import { linearToMulaw, mulawToLinear } from './pcmu-audio.js';

export type G711Name = 'PCMU' | 'PCMA';

export interface G711Codec {
  name: G711Name;
  payloadType: number;
  encode(samples: Int16Array): Buffer;
  decode(payload: Uint8Array): Int16Array;
}

/** A-law as in ITU-T G.711 (the classic reference implementation's segment search). */
export function linearToAlaw(sample: number): number {
  let value = Math.max(-32_768, Math.min(32_767, Math.round(sample))) >> 3;
  let mask = 0xd5;
  if (value < 0) {
    mask = 0x55;
    value = -value - 1;
  }
  let segment = 0;
  while (segment < 8 && value > (0x20 << segment) - 1) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  const quantised = segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
  return ((segment << 4) | quantised) ^ mask;
}

export function alawToLinear(byte: number): number {
  const value = byte ^ 0x55;
  const segment = (value & 0x70) >> 4;
  let magnitude = (value & 0x0f) << 4;
  if (segment === 0) magnitude += 8;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return value & 0x80 ? magnitude : -magnitude;
}

const codec = (name: G711Name, payloadType: number, toByte: (sample: number) => number, fromByte: (byte: number) => number): G711Codec => ({
  name,
  payloadType,
  encode: (samples) => Buffer.from(Array.from(samples, toByte)),
  decode: (payload) => Int16Array.from(payload, fromByte),
});

export const PCMU = codec('PCMU', 0, linearToMulaw, mulawToLinear);
export const PCMA = codec('PCMA', 8, linearToAlaw, alawToLinear);
export const G711_CODECS: readonly G711Codec[] = [PCMU, PCMA];
