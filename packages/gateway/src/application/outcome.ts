/** What an operation or a use case returns: success with response fields and work to run after the response, or a refusal. */
import type { BusinessErrorName } from '@agentsdk/protocol';

export type Outcome =
  | {
      ok: true;
      message?: string;
      /** Response fields beyond action/code/message. */
      fields?: Record<string, unknown>;
      /** Runs after the response is sent: events follow their response. */
      after?: () => Promise<void>;
    }
  | { ok: false; error: BusinessErrorName; message?: string };

export function succeeded(outcome: Omit<Extract<Outcome, { ok: true }>, 'ok'> = {}): Outcome {
  return { ok: true, ...outcome };
}

export function failed(error: BusinessErrorName, message?: string): Outcome {
  return message === undefined ? { ok: false, error } : { ok: false, error, message };
}
