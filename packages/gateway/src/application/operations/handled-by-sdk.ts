import { failed, type Outcome } from '../operation-context.js';

/**
 * The row of an operation the SDK performs itself (sipLink / sipUnlink answer and hang up the softphone in the
 * browser): a client that sends it to the gateway anyway gets a clear refusal.
 */
export async function handledBySdk(): Promise<Outcome> {
  return failed(
    'SDK_LOCAL_OPERATION',
    "handled by the SDK: the softphone answers and hangs up in the browser (AgentSDK's sipLink / sipUnlink)",
  );
}
