/** `debug: true`: frames and dropped input on console.debug, with credentials redacted. */
import { isRecord } from './type-guards.js';

export interface DebugLog {
  frame(direction: 'sent' | 'received', frame: unknown): void;
  note(message: string, detail?: unknown): void;
}

const SECRET_FIELDS = new Set(['sessionKey', 'sipPwd']);
const REDACTED = '[redacted]';

const silent: DebugLog = { frame() {}, note() {} };

export function createDebugLog(enabled: boolean): DebugLog {
  if (!enabled) return silent;
  return {
    frame(direction, frame) {
      console.debug(`[AgentSDK] ${direction}`, JSON.stringify(redactSecrets(frame)));
    },
    note(message, detail) {
      if (detail === undefined) console.debug(`[AgentSDK] ${message}`);
      else console.debug(`[AgentSDK] ${message}`, redactSecrets(detail));
    },
  };
}

/** A copy of `value` whose `sessionKey` and `sipPwd` fields, at any depth, are replaced. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = SECRET_FIELDS.has(key) && field !== undefined ? REDACTED : redactSecrets(field);
  }
  return copy;
}
