/** The logging the application needs; pino provides it. Secrets never reach it (see REDACTED_PATHS). */
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug'>;

export const REDACTED_PATHS = ['params.sessionKey', 'params.sipPwd', 'sessionKey', 'sipPwd', 'authorization', 'req.headers.authorization'];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
