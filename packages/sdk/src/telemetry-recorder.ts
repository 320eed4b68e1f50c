/**
 * What the client records for `observability`, in the core: nothing at all while it is off; while it is on, the
 * uploader (telemetry.ts, the `telemetry` chunk) is loaded and what was recorded meanwhile is handed to it.
 */
import { TELEMETRY_LIMITS, type TelemetryEventType } from '@agentsdk/protocol';
import { loadChunk } from './chunk-loader.js';
import type { Telemetry, TelemetryCredentials } from './telemetry.js';

type Recorded = [type: TelemetryEventType, name: string, data: unknown, ts: number];

export class TelemetryRecorder {
  private uploader: Telemetry | undefined;
  private enabled = false;
  private early: Recorded[] = [];
  private credentials: TelemetryCredentials | undefined;

  configure(baseURL: string, enabled: boolean): void {
    this.enabled = enabled;
    this.uploader?.configure(baseURL, enabled);
    if (!enabled) {
      this.early = [];
      return;
    }
    if (this.uploader !== undefined) return;
    loadChunk('telemetry', baseURL, () => import('./chunks/telemetry-chunk.js')).then(
      ({ Telemetry }) => {
        if (this.uploader !== undefined) return;
        const uploader = new Telemetry();
        uploader.configure(baseURL, this.enabled);
        for (const [type, name, data, ts] of this.early.splice(0)) uploader.record(type, name, data, ts);
        if (this.credentials !== undefined) uploader.useSession(this.credentials);
        this.uploader = uploader;
      },
      // Observability is best effort: without its uploader nothing is recorded.
      () => (this.early = []),
    );
  }

  record(type: TelemetryEventType, name: string, data?: unknown): void {
    if (!this.enabled) return;
    if (this.uploader !== undefined) return this.uploader.record(type, name, data);
    this.early.push([type, name, data, Date.now()]);
    if (this.early.length > TELEMETRY_LIMITS.queueSize) this.early.shift();
  }

  useSession(credentials: TelemetryCredentials): void {
    this.credentials = credentials;
    this.uploader?.useSession(credentials);
  }

  close(): void {
    this.uploader?.close();
  }
}
