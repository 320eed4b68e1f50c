/**
 * A call's recording as its record keeps it: which node's disk holds the WAV file and how long it is, so any node (or
 * PostgreSQL's copy of the record) can tell where to fetch it. Pure.
 */
import type { CallRecord, RecordingMetadata } from './call.js';

/** A recording just completed on this node: its call and file. */
export interface CompletedRecording {
  tenantId: string;
  callId: string;
  bytes: number;
  durationMs: number;
}

export function withRecording(call: CallRecord, recording: RecordingMetadata): CallRecord {
  return { ...call, recording };
}
