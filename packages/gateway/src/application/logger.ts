/** The logging the application needs; pino provides it. Secrets never reach the output (see REDACTED_PATHS). */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type { DestinationStream };

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug'>;

/** Where a secret can sit in what the gateway logs: request params, responses, headers, telemetry data. */
export const REDACTED_PATHS = [
  'sessionKey',
  'sipPwd',
  'apiKey',
  'authorization',
  '*.sessionKey',
  '*.sipPwd',
  '*.apiKey',
  '*.authorization',
  'params.bindEndpoint.sipPwd',
  'req.headers.authorization',
  'headers.authorization',
];

/** `destination` defaults to standard output; tests pass a stream to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The same output without redaction, for lines whose fields are fixed and never secret (one per operation): redaction
 * doubles the cost of a line, and this one is written for every request.
 */
export function unredacted(logger: Logger): Logger {
  return 'child' in logger ? (logger as PinoLogger).child({}, { redact: [] }) : logger;
}
