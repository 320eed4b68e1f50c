/** The logging the application needs; pino provides it. Secrets never reach the output (see `withoutSecrets`). */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type { DestinationStream };

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug'>;

/** Field names that hold secrets, compared without case: `sessionKey`, `SessionKey` and `SESSIONKEY` alike. */
const SECRET_NAMES = new Set(['sessionkey', 'sippwd', 'apikey', 'authorization', 'password', 'sipha1', 'cookie']);
const MAX_DEPTH = 8;

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

/** `value` with every secret-named field at any depth (up to 8) replaced by `[redacted]`; itself when it has none. */
export function withoutSecrets<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, field] of entries) {
    const clean = typeof key === 'string' && isSecretName(key) ? '[redacted]' : withoutSecrets(field, depth + 1);
    if (clean === field) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
    (copy as Record<string | number, unknown>)[key] = clean;
  }
  return (copy ?? value) as T;
}

/** `destination` defaults to standard output; tests pass a stream to read what was logged. `bindings` go on every line. */
export function createLogger(level: string, destination?: DestinationStream, bindings: Record<string, string> = {}): Logger {
  const options = { level, formatters: { log: (object: Record<string, unknown>) => withoutSecrets(object) } };
  return (destination ? pino(options, destination) : pino(options)).child(bindings);
}

/**
 * The same output without redaction, for lines whose fields are fixed and never secret (one per operation): it is
 * written for every request, and needs no walk through its fields.
 */
export function unredacted(logger: Logger): Logger {
  return 'child' in logger ? (logger as PinoLogger).child({}, { formatters: { log: (object: object) => object } }) : logger;
}
