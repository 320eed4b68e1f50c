/**
 * G.711 µ-law (PCMU, RTP payload type 0) at 8 kHz, 20 ms frames: the simulated customer's voice (a steady tone) and the
 * level of what the agent sends. PCMU needs no codec library and every browser speaks it.
 */

export const SAMPLE_RATE = 8_000;
export const FRAME_MS = 20;
export const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000;
export const PCMU_PAYLOAD_TYPE = 0;

const BIAS = 0x84;
const CLIP = 32_635;

export function linearToMulaw(sample: number): number {
  let value = Math.max(-CLIP, Math.min(CLIP, Math.round(sample)));
  const sign = value < 0 ? 0x80 : 0;
  if (sign) value = -value;
  value += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (value >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function mulawToLinear(byte: number): number {
  const value = ~byte & 0xff;
  const exponent = (value >> 4) & 0x07;
  const magnitude = ((((value & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return value & 0x80 ? -magnitude : magnitude;
}

/** A continuous sine tone cut into 20 ms PCMU frames; `next()` carries the phase over from frame to frame. */
export class ToneGenerator {
  private phase = 0;

  constructor(
    private readonly frequencyHz = 440,
    private readonly amplitude = 0.3,
  ) {}

  /** The next 20 ms as PCMU. */
  next(): Buffer {
    return Buffer.from(this.nextSamples().map(linearToMulaw));
  }

  /** The next 20 ms as 16-bit linear samples. */
  nextSamples(): Int16Array {
    const samples = new Int16Array(SAMPLES_PER_FRAME);
    const step = (2 * Math.PI * this.frequencyHz) / SAMPLE_RATE;
    for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
      samples[i] = Math.round(Math.sin(this.phase) * this.amplitude * 32_767);
      this.phase = (this.phase + step) % (2 * Math.PI);
    }
    return samples;
  }
}

/** Root mean square of 16-bit linear samples, 0 (silence) to 1 (full scale). */
export function linearLevel(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const value of samples) sum += (value / 32_768) ** 2;
  return Math.sqrt(sum / samples.length);
}

/** Root mean square of a PCMU payload, 0 (silence) to 1 (full scale). */
export function pcmuLevel(payload: Uint8Array): number {
  if (payload.length === 0) return 0;
  let sum = 0;
  for (const byte of payload) {
    const sample = mulawToLinear(byte) / 32_768;
    sum += sample * sample;
  }
  return Math.sqrt(sum / payload.length);
}
