import { failed, type Outcome } from '../operation-context.js';

/** The row of an operation whose feature has not landed yet: a clear refusal instead of silence. */
export async function notYetAvailable(): Promise<Outcome> {
  return failed('NOT_YET_AVAILABLE', 'operation not available yet on this gateway');
}
