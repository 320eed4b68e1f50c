/**
 * Notes each complete recording in its call's record (domain/call-recording.ts), so the call records say which node
 * keeps the file. The write goes to the live store like a disposition's; the call records follow it.
 */
import { type CompletedRecording, withRecording } from '../domain/call-recording.js';
import type { CallStore } from '../ports/store.js';
import type { Logger } from '../ports/logger.js';
import { transitionStored } from './compare-and-set.js';

export class RecordingNotes {
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly calls: CallStore,
    /** This node: its data directory holds the files it records. */
    private readonly nodeId: string,
    private readonly logger: Logger,
  ) {}

  note(completed: CompletedRecording): void {
    const write = this.write(completed)
      .catch((error: unknown) =>
        this.logger.error({ err: error, callId: completed.callId }, 'noting a recording in its call record failed'),
      )
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  /** Waits for the notes being written (a stop, before the store closes). */
  async idle(): Promise<void> {
    await Promise.all(this.writing);
  }

  private async write({ callId, bytes, durationMs }: CompletedRecording): Promise<void> {
    const result = await transitionStored(
      () => this.calls.get(callId),
      (stored) =>
        stored
          ? { ok: true as const, next: withRecording(stored.value, { nodeId: this.nodeId, bytes, durationMs }) }
          : { ok: false as const, error: 'NO_CALL' as const, message: 'no such call' },
      (next, version) => this.calls.compareAndSet(next, version),
    );
    // A call that is gone has nothing to note; one that kept changing is worth a line in the log.
    if (!result.ok && result.error !== 'NO_CALL') throw new Error(`call ${callId} changed too often to note its recording`);
  }
}
