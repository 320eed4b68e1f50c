/**
 * A two-channel WAV file (16-bit linear, 8 kHz) written as a call goes. The header's sizes are brought up to date every
 * second and at the end, so a file whose writer crashed still plays, short of at most its last second.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { SAMPLE_RATE } from './pcmu-audio.js';

const HEADER_BYTES = 44;
const CHANNELS = 2;
const BYTES_PER_SAMPLE = 2;
const FRAMES_BETWEEN_HEADER_UPDATES = 50;

export class WavRecorder {
  private readonly fd: number;
  private dataBytes = 0;
  private framesSinceHeader = 0;
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, header(0), 0, HEADER_BYTES, 0);
  }

  /** One frame of each channel (equal lengths). */
  write(left: Int16Array, right: Int16Array): void {
    if (this.closed) return;
    const interleaved = Buffer.alloc(left.length * CHANNELS * BYTES_PER_SAMPLE);
    for (let i = 0; i < left.length; i++) {
      interleaved.writeInt16LE(left[i]!, i * 4);
      interleaved.writeInt16LE(right[i] ?? 0, i * 4 + 2);
    }
    writeSync(this.fd, interleaved, 0, interleaved.length, HEADER_BYTES + this.dataBytes);
    this.dataBytes += interleaved.length;
    if (++this.framesSinceHeader >= FRAMES_BETWEEN_HEADER_UPDATES) this.updateHeader();
  }

  /** The file's size so far. */
  get bytes(): number {
    return HEADER_BYTES + this.dataBytes;
  }

  /** The audio's length so far. */
  get durationMs(): number {
    return Math.round((this.dataBytes / (SAMPLE_RATE * CHANNELS * BYTES_PER_SAMPLE)) * 1000);
  }

  close(): void {
    if (this.closed) return;
    this.updateHeader();
    this.closed = true;
    closeSync(this.fd);
  }

  private updateHeader(): void {
    this.framesSinceHeader = 0;
    writeSync(this.fd, header(this.dataBytes), 0, HEADER_BYTES, 0);
  }
}

function header(dataBytes: number): Buffer {
  const buffer = Buffer.alloc(HEADER_BYTES);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(CHANNELS, 22);
  buffer.writeUInt32LE(SAMPLE_RATE, 24);
  buffer.writeUInt32LE(SAMPLE_RATE * CHANNELS * BYTES_PER_SAMPLE, 28);
  buffer.writeUInt16LE(CHANNELS * BYTES_PER_SAMPLE, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  return buffer;
}
