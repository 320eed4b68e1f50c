/** The Logger port on pino: JSON lines, secrets never in the output (see `withoutSecrets`). */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { withoutSecrets } from '../../domain/secret-names.js';
import type { Logger } from '../../ports/logger.js';

export type { DestinationStream };

/** `destination` defaults to standard output; tests pass a stream to read what was logged. `bindings` go on every line. */
export function createLogger(level: string, destination?: DestinationStream, bindings: Record<string, string> = {}): PinoLogger {
  const options = { level, formatters: { log: (object: Record<string, unknown>) => withoutSecrets(object) } };
  return (destination ? pino(options, destination) : pino(options)).child(bindings);
}

/**
 * The same output without redaction, for lines whose fields are fixed and never secret (one per operation): it is
 * written for every request, and needs no walk through its fields.
 */
export function unredacted(logger: PinoLogger): Logger {
  return logger.child({}, { formatters: { log: (object: object) => object } });
}
