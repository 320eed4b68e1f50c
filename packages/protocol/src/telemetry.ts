/**
 * SDK telemetry (`setup({ observability: true })`): what the SDK uploads to `POST /api/v1/observability/events`.
 * The body is authenticated by the session it belongs to; docs/protocol.md#sdk-telemetry describes the exchange.
 */
import * as v from 'valibot';

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

export const TelemetryEventSchema = v.strictObject({
  type: v.picklist(TELEMETRY_EVENT_TYPES),
  name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(TELEMETRY_LIMITS.nameLength)),
  /** Client clock, epoch ms. */
  ts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  data: v.optional(v.record(v.string(), v.unknown())),
});

export const TelemetryUploadSchema = v.strictObject({
  sessionId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  sessionKey: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)),
  events: v.pipe(v.array(TelemetryEventSchema), v.minLength(1), v.maxLength(TELEMETRY_LIMITS.batchSize)),
});

export type TelemetryEventType = (typeof TELEMETRY_EVENT_TYPES)[number];
export type TelemetryEvent = v.InferOutput<typeof TelemetryEventSchema>;
export type TelemetryUpload = v.InferOutput<typeof TelemetryUploadSchema>;
