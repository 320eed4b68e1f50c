/** `debug: true`: frames and dropped input on console.debug, with credentials redacted; `debugHook` gets the same. */
import { isRecord } from './type-guards.js';

/** What `debug` logs, for a `debugHook`: each frame sent or received (secrets redacted), and notes on dropped input. */
export type DebugEntry = { kind: 'sent' | 'received'; frame: unknown } | { kind: 'note'; message: string; detail?: unknown };

export interface DebugLog {
  frame(direction: 'sent' | 'received', frame: unknown): void;
  note(message: string, detail?: unknown): void;
}

const SECRET_FIELDS = new Set(['sessionKey', 'sipPwd']);
const REDACTED = '[redacted]';

const silent: DebugLog = { frame() {}, note() {} };

export function createDebugLog(enabled: boolean, hook?: (entry: DebugEntry) => void): DebugLog {
  if (hook) return hooked(enabled ? createDebugLog(true) : silent, hook);
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

/** A hook that throws must not break the connection it watches. */
function hooked(log: DebugLog, hook: (entry: DebugEntry) => void): DebugLog {
  const tell = (entry: DebugEntry) => {
    try {
      hook(entry);
    } catch (error) {
      console.error('AgentSDK: debugHook threw', error);
    }
  };
  return {
    frame(direction, frame) {
      log.frame(direction, frame);
      tell({ kind: direction, frame: redactSecrets(frame) });
    },
    note(message, detail) {
      log.note(message, detail);
      tell(detail === undefined ? { kind: 'note', message } : { kind: 'note', message, detail: redactSecrets(detail) });
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
