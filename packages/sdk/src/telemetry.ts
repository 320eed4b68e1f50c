/**
 * The `telemetry` chunk, loaded by telemetry-recorder.ts when `observability` is on.
 * `observability: true`: SDK-triggered events and errors, batched and uploaded to the gateway's telemetry endpoint
 * (docs/protocol.md#sdk-telemetry). Fire and forget: nothing waits for an upload, a failed upload is not retried, and
 * at most TELEMETRY_LIMITS.queueSize events wait (the oldest go first).
 */
import { TELEMETRY_LIMITS, TELEMETRY_PATH, type TelemetryEvent, type TelemetryEventType } from '@agentsdk/protocol';
import { redactSecrets } from './debug-log.js';
import { isRecord } from './type-guards.js';

export interface TelemetryCredentials {
  sessionId: string;
  sessionKey: string;
}

/** Uploads stay under the 64 KiB a gateway accepts and a keepalive request may carry. */
const MAX_UPLOAD_CHARS = 48 * 1024;

type Timer = ReturnType<typeof setTimeout>;

export class Telemetry {
  private enabled = false;
  private url = '';
  private queue: TelemetryEvent[] = [];
  private timer: Timer | undefined;
  private credentials: TelemetryCredentials | undefined;
  private listeningForPageHide = false;

  configure(baseURL: string, enabled: boolean): void {
    this.enabled = enabled;
    this.url = `${baseURL.replace(/\/+$/, '')}${TELEMETRY_PATH}`;
    if (!enabled) {
      this.queue = [];
      this.stopTimer();
      return;
    }
    this.listenForPageHide();
  }

  /** The session uploads are authenticated with; the last one is kept after it ends, for the final upload. */
  useSession(credentials: TelemetryCredentials): void {
    this.credentials = credentials;
    this.flush();
  }

  /** `ts`: when it happened, if it was recorded before this uploader was loaded. */
  record(type: TelemetryEventType, name: string, data?: unknown, ts = Date.now()): void {
    if (!this.enabled) return;
    const event: TelemetryEvent = { type, name: name.slice(0, TELEMETRY_LIMITS.nameLength) || 'unnamed', ts };
    const bounded = boundedData(data);
    if (bounded !== undefined) event.data = bounded;
    this.queue.push(event);
    if (this.queue.length > TELEMETRY_LIMITS.queueSize) this.queue.splice(0, this.queue.length - TELEMETRY_LIMITS.queueSize);
    if (this.queue.length >= TELEMETRY_LIMITS.batchSize) this.flush();
    else this.startTimer();
  }

  /** Uploads what is queued; without a session so far, it waits for one. */
  flush(useBeacon = false): void {
    this.stopTimer();
    const credentials = this.credentials;
    if (!this.enabled || credentials === undefined) return;
    while (this.queue.length > 0) this.upload(this.takeBatch(credentials), useBeacon);
  }

  /** `close()` of the client: the last upload, and no timer left behind. */
  close(): void {
    this.flush();
    this.stopTimer();
  }

  private takeBatch(credentials: TelemetryCredentials): string {
    const events: TelemetryEvent[] = [];
    let body = JSON.stringify({ ...credentials, events });
    while (this.queue.length > 0 && events.length < TELEMETRY_LIMITS.batchSize) {
      const next = this.queue[0] as TelemetryEvent;
      const longer = JSON.stringify({ ...credentials, events: [...events, next] });
      if (longer.length > MAX_UPLOAD_CHARS && events.length > 0) break;
      events.push(next);
      this.queue.shift();
      body = longer;
    }
    return body;
  }

  /** text/plain is a CORS-safelisted type: no preflight, and a beacon may carry it. */
  private upload(body: string, useBeacon: boolean): void {
    const beacon = (globalThis as { navigator?: { sendBeacon?: (url: string, data: unknown) => boolean } }).navigator;
    if (useBeacon && typeof beacon?.sendBeacon === 'function' && typeof Blob === 'function') {
      if (beacon.sendBeacon(this.url, new Blob([body], { type: 'text/plain' }))) return;
    }
    if (typeof fetch !== 'function') return;
    fetch(this.url, { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8' }, keepalive: true }).then(
      () => undefined,
      () => undefined,
    );
  }

  private startTimer(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, TELEMETRY_LIMITS.flushIntervalMs);
    // In Node a pending upload must not keep the process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private listenForPageHide(): void {
    const page = globalThis as { addEventListener?: (type: string, listener: () => void) => void; document?: unknown };
    if (this.listeningForPageHide || page.document === undefined || typeof page.addEventListener !== 'function') return;
    this.listeningForPageHide = true;
    page.addEventListener('pagehide', () => this.flush(true));
  }
}

/** Secrets blanked, and too large or unserializable data replaced by a marker. */
function boundedData(data: unknown): Record<string, unknown> | undefined {
  if (data === undefined) return undefined;
  if (!isRecord(data)) return { value: typeof data === 'string' ? data.slice(0, 200) : String(data) };
  try {
    const redacted = redactSecrets(data) as Record<string, unknown>;
    return JSON.stringify(redacted).length > TELEMETRY_LIMITS.dataLength ? { truncated: true } : redacted;
  } catch {
    return { unserializable: true };
  }
}
