/** The schemas the gateway checks a telemetry upload with (kept apart so the SDK's core needs no valibot). */
import * as v from 'valibot';
import { TELEMETRY_EVENT_TYPES, TELEMETRY_LIMITS } from './telemetry.js';

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

export type TelemetryEvent = v.InferOutput<typeof TelemetryEventSchema>;
export type TelemetryUpload = v.InferOutput<typeof TelemetryUploadSchema>;
