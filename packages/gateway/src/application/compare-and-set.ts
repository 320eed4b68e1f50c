/**
 * The one way a service changes a stored record: read it, run the pure transition, write the result only if nobody
 * wrote in between (compare-and-set on the version), and try again from a fresh read when someone did.
 */
import type { BusinessErrorName } from '@agentsdk/protocol';
import type { Versioned } from '../ports/store.js';

const MAX_WRITE_ATTEMPTS = 5;

export type Refusal = { ok: false; error: BusinessErrorName; message: string };

/** Every attempt lost its race: the record is too busy right now. */
const LOCK_NOT_TAKEN: Refusal = { ok: false, error: 'FAIL_TO_GET_LOCK', message: 'fail to get lock' };

export async function transitionStored<T, Next extends { ok: true; next: T }>(
  read: () => Promise<Versioned<T> | undefined>,
  decide: (stored: Versioned<T> | undefined) => Next | Refusal,
  write: (next: T, expectedVersion: number) => Promise<boolean>,
): Promise<Next | Refusal> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const stored = await read();
    const result = decide(stored);
    if (!result.ok) return result;
    if (await write(result.next, stored?.version ?? 0)) return result;
  }
  return LOCK_NOT_TAKEN;
}
