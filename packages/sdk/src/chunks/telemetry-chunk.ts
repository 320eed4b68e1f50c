/** Chunk `telemetry`: the uploader of `observability` events. */
export { Telemetry } from '../telemetry.js';
