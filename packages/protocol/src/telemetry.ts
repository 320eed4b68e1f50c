export const TELEMETRY_PATH = '/api/v1/observability/events';

export const TELEMETRY_LIMITS = {
  /** Events in one upload. */
  batchSize: 50,
  /** Events the SDK holds while it cannot upload; the oldest are dropped beyond this. */
  queueSize: 500,
  /** Milliseconds between uploads of a non-full batch. */
  flushIntervalMs: 10_000,
  /** Characters of an event name. */
  nameLength: 64,
  /** Characters of an event's `data`, as JSON; larger data is replaced by `{ truncated: true }`. */
  dataLength: 2_048,
} as const;

/** `error`: an AgentSdkError rejection; `handlerError`: an event handler threw; `reconnect`: the connection dropped or came back; `custom`: `track(name, data)`. */
export const TELEMETRY_EVENT_TYPES = ['custom', 'error', 'handlerError', 'reconnect'] as const;

export type TelemetryEventType = (typeof TELEMETRY_EVENT_TYPES)[number];
