import { succeeded, type Outcome } from '../operation-context.js';

/**
 * ListPreviewDialingTask (spec 7.9). The spec leaves its payload open. Preview dialing tasks arrive with the
 * auto-outbound dialer; until then there are none, and the answer says so rather than refusing.
 */
export async function listPreviewDialingTasks(): Promise<Outcome> {
  return succeeded({ fields: { tasks: [] } });
}
